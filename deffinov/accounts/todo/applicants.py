"""The applicant's to-do: invitations of their structures, their dossiers with the next step, unread messages."""

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.urls import reverse

from deffinov import formatting
from deffinov.accounts.todo.items import Block, Item, dated
from deffinov.applications.models import Application, Participation, PartnerInvitation, State
from deffinov.calls.models import Wave
from deffinov.instruction.models import CorrectionRequest, PendingNotification
from deffinov.organisations.models import Invitation, Membership


def applicant_dossiers(user):
    """The dossiers of the member structures of `user`, with what the lead or a member does next."""
    # Unread: the messages still waiting in the person's notifications (reading the thread clears them).
    unread = PendingNotification.objects.filter(recipient=user, message__application=OuterRef("pk"))
    return (
        Application.objects.filter(
            participations__status="accepted", participations__organisation__memberships__user=user
        )
        .distinct()
        .select_related("wave")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(status="accepted").only(
                    "pk", "application_id", "organisation_id", "is_lead"
                ),
                to_attr="accepted",
            ),
            Prefetch(
                "correction_requests",
                queryset=CorrectionRequest.objects.filter(resubmitted_at__isnull=True),
                to_attr="open_corrections",
            ),
        )
        .annotate(
            unread=Subquery(
                unread.order_by().values("message__application").annotate(count=Count("pk")).values("count")[:1]
            ),
            last_unread_at=Subquery(unread.order_by("-message__created_at").values("message__created_at")[:1]),
        )
        .exclude(state=State.WITHDRAWN)
        .order_by("-created_at")
    )


def next_step(application, admin_of, now):
    """What to do on a dossier in its state; the date that matters."""
    lead = next((p.organisation_id for p in application.accepted if p.is_lead), None)
    state = application.state
    if state == State.DRAFT:
        wave = application.wave
        if wave.closes_at < now:
            when, iso = dated("vague close le", wave.closes_at)
            return "La vague est close : ce brouillon ne peut plus être déposé.", when, iso, False
        when, iso = dated("à déposer avant le", wave.closes_at)
        if lead in admin_of:
            return "Compléter le dossier, puis le déposer.", when, iso, True
        return "Compléter le dossier ; l'administrateur du chef de file le dépose.", when, iso, True
    if state == State.CORRECTION_REQUESTED:
        correction = application.open_corrections[0] if application.open_corrections else None
        when, iso = dated("à renvoyer avant le", correction.due_on if correction else None)
        if lead in admin_of:
            return "La Région demande des corrections : corriger le dossier et le renvoyer.", when, iso, True
        return "La Région demande des corrections : corriger le dossier avec le chef de file.", when, iso, True
    if state == State.SUBMITTED:
        when, iso = dated("déposé le", application.submitted_at)
        return "En attente de l'instruction par la Région.", when, iso, False
    if state == State.IN_REVIEW:
        when, iso = dated("déposé le", application.submitted_at)
        return "En instruction à la Région : rien à faire pour l'instant.", when, iso, False
    return "Décision rendue : consulter le dossier.", "", "", False


def applicant_blocks(user, memberships, now):
    """Structures, invitations, dossiers and messages of a person of member structures."""
    admin_of = {m.organisation_id for m in memberships if m.role == Membership.Role.ADMIN}
    blocks = []

    invitations = []
    for invitation in (
        Invitation.objects.pending()
        .filter(email__iexact=user.email)
        .select_related("organisation")
        .order_by("-created_at")
    ):
        when, iso = dated("jusqu'au", invitation.expires_at)
        role = invitation.get_role_display().lower()
        invitations.append(
            Item(
                title=invitation.organisation.name,
                url=reverse("organisations:invitation_accept", args=[invitation.token]),
                action=f"Vous êtes invité(e) à rejoindre cette structure en tant que {role}.",
                when=when,
                machine_when=iso,
                urgent=True,
            )
        )
    dossier_invitations = (
        Participation.objects.filter(
            status=Participation.Status.INVITED,
            organisation_id__in=admin_of,
            application__state=State.DRAFT,
        )
        .select_related("application__wave", "organisation")
        .order_by("application__wave__closes_at", "pk")
    )
    for participation in dossier_invitations:
        application = participation.application
        when, iso = dated("vague close le", application.wave.closes_at)
        invitations.append(
            Item(
                title=f"{application.number} – {application.title}",
                url=reverse("applications:list"),
                action=f"{participation.organisation.name} est invitée à rejoindre ce dossier : accepter ou décliner.",
                when=when,
                machine_when=iso,
                urgent=True,
            )
        )
    if invitations:
        blocks.append(Block("Invitations en attente", invitations))
    if sent := sent_invitations(user, now):
        blocks.append(Block("Invitations envoyées", sent))

    dossiers, messages = [], []
    for application in applicant_dossiers(user):
        action, when, iso, urgent = next_step(application, admin_of, now)
        dossiers.append(
            Item(
                title=f"{application.number} – {application.title}",
                url=application.get_absolute_url(),
                action=f"{application.get_state_display()}. {action}",
                when=when,
                machine_when=iso,
                urgent=urgent,
            )
        )
        if application.unread:
            when, iso = dated("dernier reçu le", application.last_unread_at)
            count = application.unread
            messages.append(
                Item(
                    title=f"{application.number} – {application.title}",
                    url=reverse("applications:messages", args=[application.number]),
                    action=f"{count} message non lu." if count == 1 else f"{count} messages non lus.",
                    when=when,
                    machine_when=iso,
                    urgent=True,
                )
            )
    if messages:
        blocks.append(Block("Messages non lus", messages))
    blocks.append(
        Block(
            "Mes dossiers",
            dossiers,
            empty="Aucun dossier pour l'instant.",
            more="Tous mes dossiers",
            more_url=reverse("applications:list"),
        )
    )
    return blocks


def sent_invitations(user, now):
    """The invitations by SIRET that the dossiers of the person's lead structures sent to structures not registered
    yet, still unanswered: where they went, when, until when; the collectif's page to follow them."""
    pending = (
        PartnerInvitation.objects.filter(
            accepted_at__isnull=True,
            expires_at__gt=now,
            application__state=State.DRAFT,
            application__participations__status=Participation.Status.ACCEPTED,
            application__participations__is_lead=True,
            application__participations__organisation__memberships__user=user,
        )
        .distinct()
        .select_related("application")
        .order_by("expires_at", "pk")
    )
    items = []
    for invitation in pending:
        application = invitation.application
        items.append(
            Item(
                title=f"{application.number} – {application.title}",
                url=reverse("applications:consortium", args=[application.number]),
                action=(
                    f"Invitation envoyée à {invitation.email} (SIRET {invitation.siret}) "
                    f"le {formatting.day(invitation.created_at)}, en attente — "
                    f"expire le {formatting.datetime(invitation.expires_at)}."
                ),
            )
        )
    return items


def open_waves(now):
    """The waves open to dossiers, with their deadline."""
    items = []
    for wave in Wave.objects.open_at(now).real().select_related("call").order_by("closes_at"):
        when, iso = dated("dépôt avant le", wave.closes_at)
        items.append(Item(title=wave.title, url=wave.call.get_absolute_url(), when=when, machine_when=iso))
    return items
