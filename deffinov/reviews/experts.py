"""The life of an expert invitation: invited, account bound, declaration (no conflict or recusal), opinion.

Only the account that holds the invited address, confirmed, may take an invitation up (holding the link is not
enough); it then has the Expert role. Staff may revoke it at any time before the answer. Every step leaves an
audit event.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from deffinov.accounts.roles import Role, forget_roles, role_group
from deffinov.audit.models import record
from deffinov.calls.models import PARIS
from deffinov.emails.send import send_templated_email
from deffinov.organisations.addressees import Addressee, addressee
from deffinov.reviews.models import ExpertInvitation
from deffinov.reviews.reviewing import save_review

Status = ExpertInvitation.Status
REMINDER_DAYS = 2


class ExpertError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NotTheAddresseeError(ExpertError):
    """The signed-in account does not hold the invited address: refused, nothing of the dossier shown."""

    def __init__(self):
        super().__init__(
            "Cette invitation a été envoyée à une autre adresse électronique que celle de votre compte : seule la "
            "personne invitée peut l'accepter. Si elle vous était destinée, déconnectez-vous puis connectez-vous "
            "(ou créez votre compte) avec l'adresse qui a reçu le courriel d'invitation."
        )


class AddressNotConfirmedError(ExpertError):
    def __init__(self, email):
        super().__init__(
            f"Confirmez d'abord votre adresse {email} : cliquez sur le lien du courriel de confirmation, "
            "puis revenez sur cette invitation."
        )


def check_addressee(invitation, user):
    relation = addressee(user, invitation.email)
    if relation is Addressee.SOMEBODY_ELSE:
        raise NotTheAddresseeError()
    if relation is Addressee.UNCONFIRMED:
        raise AddressNotConfirmedError(invitation.email)


def _audit(action, invitation, actor, summary, **data):
    record(
        f"expertise.{action}",
        actor=actor,
        target=invitation,
        summary=f"{invitation.application.number} : {summary}",
        data={"number": invitation.application.number, "email": invitation.email, **data},
    )


def invite(application, email, deadline, confidential, by):
    with transaction.atomic():
        invitation = ExpertInvitation.objects.create(
            application=application,
            email=email.strip().lower(),
            deadline=deadline,
            confidential=confidential,
            invited_by=by,
        )
        _audit("invited", invitation, by, f"expert invité ({invitation.email})", deadline=deadline)
        send_templated_email([invitation.email], "reviews/emails/invitation", {"invitation": invitation})
    return invitation


def take_up(invitation, user):
    """Bind the invitation to the account holding the invited address, confirmed (once); it becomes an expert."""
    check_addressee(invitation, user)
    with transaction.atomic():
        changed = ExpertInvitation.objects.filter(pk=invitation.pk, user__isnull=True, status=Status.INVITED).update(
            user=user
        )
        invitation.refresh_from_db()
        if not changed and invitation.user_id != user.pk:
            raise ExpertError("Ce lien d'invitation a déjà été utilisé ou n'est plus valable.")
        if changed:
            user.groups.add(role_group(Role.EXPERT))
            forget_roles(user)
            _audit("taken_up", invitation, user, f"invitation acceptée par {invitation.email}, adresse confirmée")
    return invitation


def declare(invitation, user, no_conflict, reason=""):
    if invitation.status != Status.INVITED:
        raise ExpertError("Vous avez déjà fait votre déclaration pour ce dossier.")
    target = Status.ACCEPTED if no_conflict else Status.RECUSED
    with transaction.atomic():
        changed = ExpertInvitation.objects.filter(pk=invitation.pk, status=Status.INVITED).update(
            status=target, declared_at=timezone.now(), recusal_reason="" if no_conflict else reason.strip()
        )
        if not changed:
            raise ExpertError("Cette invitation vient de changer (révoquée ou déjà déclarée). Rien n'a été modifié.")
        invitation.refresh_from_db()
        summary = "absence de conflit d'intérêts déclarée" if no_conflict else "expert déporté (conflit d'intérêts)"
        _audit("declared", invitation, user, summary, no_conflict=no_conflict, reason=invitation.recusal_reason)
    return invitation


def answer(invitation, user, verdict, opinion, scores):
    """Record (or amend, until the deadline) the opinion and the optional scores on the grid."""
    if invitation.status not in (Status.ACCEPTED, Status.ANSWERED):
        raise ExpertError("Vous ne pouvez pas rendre d'avis sur ce dossier.")
    if invitation.status == Status.ANSWERED and timezone.now().astimezone(PARIS).date() > invitation.deadline:
        raise ExpertError("La date limite est passée : votre avis, déjà rendu, ne peut plus être modifié.")
    with transaction.atomic():
        changed = ExpertInvitation.objects.filter(
            pk=invitation.pk, status__in=[Status.ACCEPTED, Status.ANSWERED]
        ).update(status=Status.ANSWERED, verdict=verdict, opinion=opinion.strip(), answered_at=timezone.now())
        if not changed:
            raise ExpertError("Cette invitation vient d'être révoquée : votre avis n'a pas été enregistré.")
        if any(value is not None for value, _comment in scores.values()):
            save_review(invitation.application, user, scores, is_expert=True)
        invitation.refresh_from_db()
        _audit("answered", invitation, user, f"avis {invitation.get_verdict_display().lower()} rendu", verdict=verdict)
    return invitation


def revoke(invitation, by):
    with transaction.atomic():
        changed = ExpertInvitation.objects.filter(
            pk=invitation.pk, status__in=[Status.INVITED, Status.ACCEPTED]
        ).update(status=Status.REVOKED, revoked_at=timezone.now())
        invitation.refresh_from_db()
        if not changed:
            raise ExpertError(
                f"Cette invitation ne peut plus être révoquée : elle est « {invitation.get_status_display()} »."
            )
        _audit("revoked", invitation, by, f"invitation adressée à {invitation.email} révoquée")
    return invitation


def other_opinions(invitation):
    """The other experts' opinions on the same dossier that this expert may read: never the confidential ones."""
    return (
        ExpertInvitation.objects.filter(application=invitation.application, status=Status.ANSWERED, confidential=False)
        .exclude(pk=invitation.pk)
        .order_by("answered_at")
    )


def due_reminders(today=None):
    """Open invitations whose deadline is within two days (Paris), not reminded yet."""
    today = today or timezone.now().astimezone(PARIS).date()
    return list(
        ExpertInvitation.objects.filter(
            status__in=[Status.INVITED, Status.ACCEPTED],
            reminded_at__isnull=True,
            deadline__gte=today,
            deadline__lte=today + dt.timedelta(days=REMINDER_DAYS),
        ).select_related("application")
    )


def send_reminder(invitation):
    """Email the reminder once: the conditional update makes a second run (or a concurrent one) send nothing."""
    with transaction.atomic():
        changed = ExpertInvitation.objects.filter(pk=invitation.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if not changed:
            return False
        email = invitation.user.email if invitation.user_id else invitation.email
        send_templated_email([email], "reviews/emails/reminder", {"invitation": invitation})
    return True
