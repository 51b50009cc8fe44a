"""Forming the consortium: create a dossier, invite structures, answer invitations, hand over the lead."""

from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from deffinov.applications import editing
from deffinov.applications.models import Application, Participation, PartnerInvitation
from deffinov.emails.send import send_templated_email
from deffinov.organisations.models import Membership, Organisation


class ConsortiumError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@contextmanager
def while_draft(application):
    """The dossier's lock held for the block, once checked it is still a draft: its consortium changes only then."""
    try:
        with editing.draft(application, message="Ce dossier a été déposé : son collectif ne peut plus changer."):
            yield
    except editing.NotEditableError as error:
        raise ConsortiumError(error.message) from error


def create_application(wave, organisation, user, title):
    """A new draft for an open wave; the structure of the person who creates it becomes chef de file."""
    if not wave.is_open():
        raise ConsortiumError(f"La vague « {wave.title} » n'est pas ouverte : choisissez une vague ouverte.")
    if not Membership.objects.filter(user=user, organisation=organisation, role=Membership.Role.ADMIN).exists():
        raise ConsortiumError("Seul un administrateur de la structure peut créer un dossier en son nom.")
    with transaction.atomic():
        application = Application.objects.create(wave=wave, title=title, created_by=user, updated_by=user)
        Participation.objects.create(
            application=application,
            organisation=organisation,
            role=Participation.Role.MEMBER,
            is_lead=True,
            status=Participation.Status.ACCEPTED,
            invited_by=user,
            answered_at=timezone.now(),
        )
    return application


def admin_emails(organisation):
    return list(
        organisation.memberships.filter(role=Membership.Role.ADMIN, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )


def invite_organisation(application, organisation, role, by):
    """Invite a registered structure; its administrators answer from their list of dossiers."""
    with while_draft(application):
        existing = application.participations.filter(organisation=organisation).first()
        lead = application.participations.filter(is_lead=True).select_related("organisation").first()
        if lead and lead.organisation_id == organisation.pk:
            raise ConsortiumError(
                f"« {organisation.name} » est votre propre structure : elle porte déjà ce dossier comme chef de file."
            )
        if existing and existing.status != Participation.Status.DECLINED:
            state = "en fait déjà partie" if existing.status == Participation.Status.ACCEPTED else "est déjà invitée"
            raise ConsortiumError(f"« {organisation.name} » {state} : ce collectif ne la compte qu'une fois.")
        with transaction.atomic():
            if existing:
                existing.status, existing.role, existing.invited_by = Participation.Status.INVITED, role, by
                existing.invited_at, existing.answered_at = timezone.now(), None
                existing.save()
                participation = existing
            else:
                try:
                    with transaction.atomic():
                        participation = Participation.objects.create(
                            application=application, organisation=organisation, role=role, invited_by=by
                        )
                except IntegrityError as error:
                    raise ConsortiumError(f"« {organisation.name} » est déjà invitée.") from error
            recipients = admin_emails(organisation)
            if recipients:
                send_templated_email(
                    recipients,
                    "applications/emails/participation_invited",
                    {
                        "application": application,
                        "organisation": organisation,
                        "role": participation.get_role_display(),
                        "by": by,
                        "url": reverse("applications:list"),
                    },
                )
        return participation


def invite_by_email(application, email, siret, role, by):
    """Invite a structure by email and SIRET; when that SIRET is already registered, invite the structure itself."""
    with while_draft(application):
        organisation = Organisation.objects.filter(siret=siret).first()
        if organisation:
            return invite_organisation(application, organisation, role, by)
        if application.partner_invitations.filter(siret=siret, accepted_at__isnull=True, expires_at__gt=timezone.now()):
            raise ConsortiumError("Une invitation est déjà en attente pour ce SIRET.")
        with transaction.atomic():
            invitation = PartnerInvitation.objects.create(
                application=application, email=email, siret=siret, role=role, invited_by=by
            )
            send_templated_email(
                [email],
                "applications/emails/partner_invitation",
                {
                    "application": application,
                    "invitation": invitation,
                    "by": by,
                    "url": reverse("applications:partner_invitation", args=[invitation.token]),
                },
            )
        return invitation


def answer(participation, user, accept):
    """An administrator of the invited structure accepts or declines."""
    if participation.status != Participation.Status.INVITED:
        raise ConsortiumError("Cette invitation a déjà reçu une réponse.")
    with while_draft(participation.application):
        if not Membership.objects.filter(
            user=user, organisation_id=participation.organisation_id, role=Membership.Role.ADMIN
        ).exists():
            raise ConsortiumError("Seul un administrateur de la structure invitée peut répondre.")
        participation.status = Participation.Status.ACCEPTED if accept else Participation.Status.DECLINED
        participation.answered_at = timezone.now()
        participation.save(update_fields=["status", "answered_at"])
        return participation


def accept_partner_invitation(invitation, organisation, user):
    """The invited structure, now registered with the invited SIRET, joins the consortium."""
    if invitation.accepted_at:
        raise ConsortiumError("Cette invitation a déjà été acceptée.")
    if invitation.is_expired:
        raise ConsortiumError(
            "Cette invitation a expiré. Demandez au chef de file du dossier de vous inviter à nouveau."
        )
    if organisation.siret != invitation.siret:
        raise ConsortiumError(f"Cette invitation est destinée à la structure de SIRET {invitation.siret}.")
    with while_draft(invitation.application):
        participation, _created = Participation.objects.get_or_create(
            application=invitation.application,
            organisation=organisation,
            defaults={"role": invitation.role, "invited_by": invitation.invited_by},
        )
        participation.status = Participation.Status.INVITED
        answer(participation, user, accept=True)
        invitation.accepted_at = timezone.now()
        invitation.participation = participation
        invitation.save(update_fields=["accepted_at", "participation"])
        return participation


def transfer_lead(application, participation, by):
    """Hand the lead to another accepted, counted member."""
    with while_draft(application):
        if participation.application_id != application.pk or participation.is_lead:
            raise ConsortiumError("Cette structure est déjà chef de file.")
        if participation.status != Participation.Status.ACCEPTED or not participation.counted:
            raise ConsortiumError(
                "Seul un membre ayant accepté l'invitation, et compté comme membre, peut être chef de file."
            )
        application.participations.filter(is_lead=True).update(is_lead=False)
        Participation.objects.filter(pk=participation.pk).update(is_lead=True)


def remove(application, participation):
    with while_draft(application):
        if participation.is_lead:
            raise ConsortiumError(
                "Le chef de file ne peut pas être retiré : transmettez d'abord ce rôle à un autre membre."
            )
        participation.delete()
