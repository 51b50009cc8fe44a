"""What each person has to do next, role by role: the blocks of « Mon espace ».

Each block is a list of items, each a link with what to do and, when it has one, a date in Paris time. The queries
are a fixed number per block, whatever the number of structures, dossiers, invitations or sessions: a person holding
several roles gets each block that applies.
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from deffinov import formatting
from deffinov.accounts import roles
from deffinov.applications.models import Application, Participation, State
from deffinov.calls.models import Wave
from deffinov.committee.models import CommitteeSession, SessionState
from deffinov.instruction.models import CorrectionRequest, PendingNotification
from deffinov.organisations.addressees import confirmed_addresses
from deffinov.organisations.models import Invitation, Membership
from deffinov.reviews.models import ExpertInvitation

# How many items a list of the Region shows before sending to the full list.
SHOWN = 10


@dataclass(frozen=True)
class Item:
    """One thing to do (or to know): a link, what it is, and a date already written the French way."""

    title: str
    url: str
    action: str = ""
    when: str = ""
    machine_when: str = ""
    urgent: bool = False


def dated(prefix, value):
    """(« avant le 1er mars 2024 », ISO) for a date, or a moment in Paris."""
    if value is None:
        return "", ""
    text = formatting.day(value) if not hasattr(value, "hour") else formatting.datetime(value)
    return f"{prefix} {text}", formatting.iso(value)


@dataclass
class Block:
    title: str
    items: list = field(default_factory=list)
    empty: str = ""
    more: str = ""
    more_url: str = ""


# Applicants -----------------------------------------------------------------------------------------------------------


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
            empty="Aucun dossier pour l'instant." if admin_of else "",
            more="Tous mes dossiers",
            more_url=reverse("applications:list"),
        )
    )
    return blocks


def open_waves(now):
    """The waves open to dossiers, with their deadline."""
    items = []
    for wave in Wave.objects.open_at(now).real().select_related("call").order_by("closes_at"):
        when, iso = dated("dépôt avant le", wave.closes_at)
        items.append(Item(title=wave.title, url=wave.call.get_absolute_url(), when=when, machine_when=iso))
    return items


# The Region ---------------------------------------------------------------------------------------------------------


def instructor_block(user, now):
    items = []
    to_start = list(
        Application.objects.filter(state=State.SUBMITTED)
        .filter(Q(assignments__instructor=user) | Q(assignments__isnull=True))
        .distinct()
        .order_by("submitted_at", "pk")[: SHOWN + 1]
    )
    for application in to_start[:SHOWN]:
        when, iso = dated("déposé le", application.submitted_at)
        items.append(
            Item(
                title=f"{application.number} – {application.title}",
                url=reverse("instruction:dossier", args=[application.number]),
                action="Dossier à prendre en instruction.",
                when=when,
                machine_when=iso,
            )
        )
    today = now.astimezone(formatting.PARIS).date()
    overdue = (
        CorrectionRequest.objects.filter(
            resubmitted_at__isnull=True,
            due_on__lt=today,
            application__state=State.CORRECTION_REQUESTED,
        )
        .filter(Q(application__assignments__instructor=user) | Q(application__assignments__isnull=True))
        .distinct()
        .select_related("application")
        .order_by("due_on", "pk")[:SHOWN]
    )
    for correction in overdue:
        application = correction.application
        when, iso = dated("attendues le", correction.due_on)
        items.append(
            Item(
                title=f"{application.number} – {application.title}",
                url=reverse("instruction:dossier", args=[application.number]),
                action="Corrections en retard : relancer le collectif ou statuer.",
                when=when,
                machine_when=iso,
                urgent=True,
            )
        )
    opinions = (
        ExpertInvitation.objects.filter(status=ExpertInvitation.Status.ANSWERED)
        .filter(Q(application__assignments__instructor=user) | Q(application__assignments__isnull=True))
        .exclude(application__state__in=[State.ACCEPTED, State.REJECTED, State.DISMISSED, State.WITHDRAWN])
        .distinct()
        .select_related("application")
        .order_by("-answered_at", "-pk")[:SHOWN]
    )
    for opinion in opinions:
        application = opinion.application
        when, iso = dated("rendu le", opinion.answered_at)
        items.append(
            Item(
                title=f"{application.number} – {application.title}",
                url=reverse("reviews:dossier_experts", args=[application.number]),
                action=f"Avis d'expert reçu : {opinion.get_verdict_display().lower()}.",
                when=when,
                machine_when=iso,
            )
        )
    more = "D'autres dossiers attendent : voir l'instruction" if len(to_start) > SHOWN else "Toute l'instruction"
    return Block(
        "Instruction",
        items,
        empty="Aucun dossier à prendre en instruction, aucune correction en retard, aucun avis nouveau.",
        more=more,
        more_url=reverse("instruction:index"),
    )


def committee_block(user, now):
    session = (
        CommitteeSession.objects.filter(state=SessionState.PLANNED, date__gte=now)
        .select_related("wave")
        .order_by("date", "pk")
        .first()
    )
    items = []
    if session:
        when, iso = dated("le", session.date)
        items.append(
            Item(
                title=session.title,
                url=session.get_absolute_url(),
                action="Prochaine séance du comité.",
                when=when,
                machine_when=iso,
            )
        )
    return Block(
        "Comité de sélection",
        items,
        empty="Aucune séance prévue pour l'instant.",
        more="Toutes les séances",
        more_url=reverse("committee:index"),
    )


def validation_block(user, now):
    items = []
    for session in CommitteeSession.objects.filter(state=SessionState.HELD).order_by("date", "pk")[:SHOWN]:
        when, iso = dated("tenue le", session.date)
        items.append(
            Item(
                title=session.title,
                url=session.get_absolute_url(),
                action="Décisions à valider avec la délibération de la Commission permanente.",
                when=when,
                machine_when=iso,
                urgent=True,
            )
        )
    return Block("Séances à valider", items, empty="Aucune séance n'attend de validation.")


def finance_block(user, now):
    return Block(
        "Suivi financier",
        empty="Rien à faire ici pour l'instant : le suivi des paiements n'est pas encore sur la plateforme.",
    )


# Experts ------------------------------------------------------------------------------------------------------------


def expert_block(user, now, addresses):
    items = []
    for invitation in (
        ExpertInvitation.objects.pending_for_addresses(addresses)
        .select_related("application")
        .order_by("deadline", "pk")
    ):
        when, iso = dated("avis attendu avant le", invitation.deadline)
        items.append(
            Item(
                title=f"Dossier {invitation.application.number}",
                url=reverse("reviews:take_up", args=[invitation.token]),
                action="Invitation à donner un avis d'expert : l'accepter ou la décliner.",
                when=when,
                machine_when=iso,
                urgent=True,
            )
        )
    due = (
        ExpertInvitation.objects.of_expert(user)
        .filter(status__in=[ExpertInvitation.Status.INVITED, ExpertInvitation.Status.ACCEPTED])
        .select_related("application")
        .order_by("deadline", "pk")
    )
    for invitation in due:
        when, iso = dated("avant le", invitation.deadline)
        items.append(
            Item(
                title=f"Dossier {invitation.application.number} – {invitation.application.title}",
                url=invitation.get_absolute_url(),
                action="Avis à rendre.",
                when=when,
                machine_when=iso,
                urgent=invitation.deadline < now.astimezone(formatting.PARIS).date(),
            )
        )
    return Block(
        "Expertise",
        items,
        empty="Aucune invitation ni aucun avis en attente.",
        more="Toutes mes expertises",
        more_url=reverse("reviews:index"),
    )


# The page -----------------------------------------------------------------------------------------------------------


@dataclass
class Home:
    memberships: list
    blocks: list
    open_waves: list
    is_applicant: bool
    may_create: bool


def home_of(user, now=None):
    """Every block of « Mon espace » that applies to `user`, in the order of their roles."""
    now = now or timezone.now()
    held = roles.roles_of(user)
    memberships = list(
        Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")
    )
    addresses = confirmed_addresses(user)
    pending_expertise = ExpertInvitation.objects.pending_for_addresses(addresses).exists() if addresses else False
    region = bool(held & set(roles.REGION_ROLES))
    expert = roles.Role.EXPERT in held or pending_expertise
    is_applicant = bool(memberships) or not (region or expert)
    blocks = []
    if is_applicant:
        blocks += applicant_blocks(user, memberships, now)
    if roles.Role.INSTRUCTOR in held:
        blocks.append(instructor_block(user, now))
    if roles.Role.COMMITTEE_MEMBER in held or roles.Role.INSTRUCTOR in held:
        blocks.append(committee_block(user, now))
    if roles.Role.FUNCTIONAL_ADMIN in held:
        blocks.append(validation_block(user, now))
    if roles.Role.FINANCE_OFFICER in held:
        blocks.append(finance_block(user, now))
    if expert:
        blocks.append(expert_block(user, now, addresses))
    may_create = any(m.role == Membership.Role.ADMIN for m in memberships)
    return Home(
        memberships=memberships,
        blocks=blocks,
        open_waves=open_waves(now) if is_applicant else [],
        is_applicant=is_applicant,
        may_create=may_create,
    )
