"""The Region's systems, with a personal access token: dossiers of a wave, tranches, and payments recorded.

Each endpoint asks the token's scope (read or payments) and its user's permission: the token opens nothing its user
could not see or do in Deffinov."""

import datetime as dt

from django.db.models import Prefetch
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import field_validator

from deffinov.api import auth
from deffinov.api.pagination import MAX_PAGE, MAX_PER_PAGE, PER_PAGE, PageMeta, page_of
from deffinov.applications.models import Application, Participation, State
from deffinov.calls.api import as_number
from deffinov.calls.models import Wave
from deffinov.committee.models import Decision, SessionState
from deffinov.formatting import PARIS
from deffinov.payments import workflow as payments_workflow
from deffinov.payments.models import Tranche, TrancheState
from deffinov.payments.workflow import PaymentError
from deffinov.reviews.scoring import annotate_weighted_mean

MAX_ID = 2**31 - 1
# A validated tranche is paid; one whose payment failed is paid again.
PAYABLE = {TrancheState.VALIDATED: "pay", TrancheState.FAILED: "repay"}
router = Router(tags=["Agents de la Région (jeton d'accès)"])


class DetailOut(Schema):
    detail: str = Field(description="Message en français.")


AUTH_ERRORS = {
    401: DetailOut,  # no token, or an unknown, expired or revoked one
    403: DetailOut,  # a token without the scope, or a user without the permission
}


def require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise HttpError(403, "Accès refusé : votre compte n'a pas le droit de faire cette action.")


class DecisionOut(Schema):
    outcome: Decision.Outcome
    outcome_label: str
    amount_granted: int | float | None = Field(description="Montant accordé, en euros.")
    final: bool = Field(description="Vrai quand la délibération a validé la décision.")
    decided_at: dt.datetime


class ApplicationOut(Schema):
    number: str
    title: str
    state: State
    state_label: str
    lead: str | None
    submitted_at: dt.datetime | None
    score: float | None = Field(description="Moyenne des notes pondérées des évaluateurs (sur 5), ou null.")
    decision: DecisionOut | None = Field(description="La dernière décision du comité, ou null.")


class ApplicationsPage(PageMeta):
    items: list[ApplicationOut]


class PageIn(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(PER_PAGE, ge=1, le=MAX_PER_PAGE)


class ApplicationFilters(PageIn):
    state: State | None = Field(None, description="État du dossier.")


def application_out(application):
    lead = application.lead
    decisions = application.latest_decisions
    decision = decisions[0] if decisions else None
    return {
        "number": application.number,
        "title": application.title,
        "state": application.state,
        "state_label": State(application.state).label,
        "lead": lead.organisation.name if lead else None,
        "submitted_at": application.submitted_at.astimezone(PARIS) if application.submitted_at else None,
        "score": round(application.weighted_mean, 2) if application.weighted_mean is not None else None,
        "decision": {
            "outcome": decision.outcome,
            "outcome_label": Decision.Outcome(decision.outcome).label,
            "amount_granted": as_number(decision.amount_granted) if decision.amount_granted is not None else None,
            "final": decision.session.state == SessionState.VALIDATED,
            "decided_at": decision.decided_at.astimezone(PARIS),
        }
        if decision
        else None,
    }


@router.get(
    "/waves/{slug}/applications",
    auth=auth.read,
    response={200: ApplicationsPage, 404: DetailOut, **AUTH_ERRORS},
    summary="Dossiers déposés d'une vague, leurs états, notes et décisions",
)
def wave_applications(request, slug: Path[str], filters: Query[ApplicationFilters]):
    """Token with the « read » scope, of a Region agent: the wave's dossiers (drafts aside), by number."""
    require(request, "api.read_applications")
    wave = Wave.objects.filter(slug=slug).first()
    if wave is None:
        return Status(404, {"detail": "Vague introuvable."})
    applications = (
        annotate_weighted_mean(Application.objects.filter(wave=wave).exclude(state=State.DRAFT))
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(status="accepted").select_related("organisation"),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("session").order_by("-decided_at", "-pk"),
                to_attr="latest_decisions",
            ),
        )
        .order_by("number")
    )
    if filters.state:
        applications = applications.filter(state=filters.state)
    page = page_of(applications, filters.page, filters.per_page)
    page["items"] = [application_out(application) for application in page["items"]]
    return page


class PaymentOut(Schema):
    id: int
    project: str = Field(description="Numéro du projet financé.")
    position: int
    label: str
    percentage: float
    amount: int | float = Field(description="Montant prévu, en euros.")
    condition: str
    state: TrancheState
    state_label: str
    unlocked_at: dt.datetime | None
    amount_paid: int | float | None = Field(description="Montant versé, en euros, une fois payée.")
    paid_on: dt.date | None = Field(description="Date du paiement.")


class PaymentsPage(PageMeta):
    items: list[PaymentOut]


class PaymentFilters(PageIn):
    state: TrancheState | None = Field(None, description="État de la tranche.")
    project: str | None = Field(None, max_length=20, description="Numéro d'un projet financé.")


def payment_out(tranche):
    return {
        "id": tranche.pk,
        "project": tranche.project.application.number,
        "position": tranche.position,
        "label": tranche.label,
        "percentage": float(tranche.percentage),
        "amount": as_number(tranche.amount),
        "condition": tranche.condition,
        "state": tranche.state,
        "state_label": TrancheState(tranche.state).label,
        "unlocked_at": tranche.unlocked_at.astimezone(PARIS) if tranche.unlocked_at else None,
        "amount_paid": as_number(tranche.amount_paid) if tranche.amount_paid is not None else None,
        "paid_on": tranche.paid_on,
    }


@router.get(
    "/payments",
    auth=auth.read,
    response={200: PaymentsPage, **AUTH_ERRORS},
    summary="Tranches des projets financés et leur état",
)
def list_payments(request, filters: Query[PaymentFilters]):
    """Token with the « read » scope, of an instructor, functional administrator or finance officer."""
    require(request, "grants.view_projects")
    tranches = Tranche.objects.select_related("project__application").order_by(
        "project__application__number", "position"
    )
    if filters.state:
        tranches = tranches.filter(state=filters.state)
    if filters.project:
        tranches = tranches.filter(project__application__number=filters.project)
    page = page_of(tranches, filters.page, filters.per_page)
    page["items"] = [payment_out(tranche) for tranche in page["items"]]
    return page


class PaidIn(Schema):
    engagement_reference: str = Field(min_length=1, max_length=40, description="Référence de l'engagement.")
    mandate_reference: str = Field(min_length=1, max_length=40, description="Référence du mandat.")
    paid_on: dt.date = Field(description="Date du paiement (AAAA-MM-JJ).")

    @field_validator("engagement_reference", "mandate_reference")
    @classmethod
    def not_blank(cls, value):
        if not value.strip():
            raise ValueError("Ce champ est obligatoire.")
        return value.strip()


@router.post(
    "/payments/{tranche_id}/paid",
    auth=auth.payments,
    response={200: PaymentOut, 404: DetailOut, 409: DetailOut, **AUTH_ERRORS},
    summary="Enregistrer le paiement d'une tranche validée",
)
def mark_paid(request, payload: PaidIn, tranche_id: int = Path(..., ge=1, le=MAX_ID)):
    """Token with the « payments » scope, of a finance officer: the tranche, validated, is recorded as paid with the
    finance system's engagement and mandate references and the date (a failed payment may be recorded again).
    409, with the reason in French, when the tranche is not validated or the payment cannot be recorded."""
    tranche = Tranche.objects.select_related("project__application").filter(pk=tranche_id).first()
    if tranche is None or not request.user.has_perm("grants.view_project", tranche.project):
        return Status(404, {"detail": "Tranche introuvable."})
    require(request, "payments.record_payment", tranche.project)
    if tranche.state not in PAYABLE:
        state = TrancheState(tranche.state).label
        return Status(409, {"detail": f"Seule une tranche validée peut être payée : celle-ci est « {state} »."})
    try:
        payments_workflow.apply(
            tranche,
            PAYABLE[tranche.state],
            request.user,
            engagement=payload.engagement_reference,
            mandate=payload.mandate_reference,
            paid_on=payload.paid_on,
        )
    except PaymentError as error:
        return Status(409, {"detail": error.message})
    tranche.refresh_from_db()
    return payment_out(tranche)
