"""The Region's to-do: the instruction, the committee's next session, the sessions to validate, the finance."""

from django.db.models import Q
from django.urls import reverse

from deffinov import formatting
from deffinov.accounts.todo.items import SHOWN, Block, Item, dated
from deffinov.applications.models import Application, State
from deffinov.committee.models import CommitteeSession, SessionState
from deffinov.instruction.models import CorrectionRequest
from deffinov.organisations.claims import Claim
from deffinov.reviews.models import ExpertInvitation


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


def claims_block(user, now):
    """The claims of structures the administrators left unanswered: the Region decides them."""
    items = []
    for claim in (
        Claim.objects.awaiting_region().select_related("organisation", "claimant").order_by("created_at")[:SHOWN]
    ):
        when, iso = dated("demandée le", claim.created_at)
        items.append(
            Item(
                title=claim.organisation.name,
                url=claim.get_absolute_url(),
                action=f"{claim.claimant} demande à administrer cette structure, sans réponse de ses administrateurs.",
                when=when,
                machine_when=iso,
                urgent=True,
            )
        )
    return Block(
        "Revendications de structures",
        items,
        empty="Aucune revendication n'attend la Région.",
        more="Toutes les revendications",
        more_url=reverse("organisations:claims_review"),
    )


def finance_block(user, now):
    return Block(
        "Suivi financier",
        empty="Rien à faire ici pour l'instant : le suivi des paiements n'est pas encore sur la plateforme.",
    )
