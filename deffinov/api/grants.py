"""GET /api/v1/grants: the funded projects, public: who is funded, how much, where, and how it is paid."""

import datetime as dt

from ninja import Field, Query, Router, Schema

from deffinov.api.pagination import MAX_PAGE, MAX_PER_PAGE, PER_PAGE, PageMeta, page_of
from deffinov.calls.api import as_number
from deffinov.grants.models import ProjectState
from deffinov.opendata.grants import beneficiaries, departements, members, public_projects
from deffinov.payments.models import TrancheState

router = Router(tags=["Projets financés"])


class MemberOut(Schema):
    name: str = Field(description="Raison sociale.")
    siret: str
    role: str = Field(description="lead (chef de file), member (membre) ou associated (partenaire associé).")
    share: float = Field(description="Part de la subvention versée à cette structure, entre 0 et 1.")


class TrancheOut(Schema):
    position: int
    label: str
    percentage: float = Field(description="Part prévue de la subvention, entre 0 et 1.")
    amount: int | float = Field(description="Montant prévu, en euros.")
    state: TrancheState
    state_label: str


class GrantOut(Schema):
    number: str = Field(description="Numéro du dossier.")
    title: str
    call: str = Field(description="Identifiant de l'appel à projets.")
    wave: str = Field(description="Identifiant de la vague.")
    lead: str | None = Field(description="Chef de file.")
    members: list[MemberOut]
    departements: list[str] = Field(description="Codes INSEE des départements du projet et de ses membres.")
    amount_granted: int | float = Field(description="Subvention accordée, en euros.")
    state: ProjectState
    state_label: str
    starts_on: dt.date
    ends_on: dt.date
    convention_date: dt.date | None = Field(description="Date de la contre-signature de la convention.")
    schedule: list[TrancheOut] = Field(description="Échéancier des versements.")


class GrantsPage(PageMeta):
    items: list[GrantOut]


def grant_out(project):
    shares = {participation.pk: share for participation, share in beneficiaries(project)}
    lead = next((member for member in members(project) if member.is_lead), None)
    return {
        "number": project.number,
        "title": project.title,
        "call": project.call.slug,
        "wave": project.application.wave.slug,
        "lead": lead.organisation.name if lead else None,
        "members": [
            {
                "name": member.organisation.name,
                "siret": member.organisation.siret,
                "role": "lead" if member.is_lead else member.role,
                "share": float(shares.get(member.pk, 0)),
            }
            for member in members(project)
        ],
        "departements": departements(project),
        "amount_granted": as_number(project.amount_granted),
        "state": project.state,
        "state_label": ProjectState(project.state).label,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "convention_date": project.convention_date,
        "schedule": [
            {
                "position": tranche.position,
                "label": tranche.label,
                "percentage": float(tranche.percentage),
                "amount": as_number(tranche.amount),
                "state": tranche.state,
                "state_label": TrancheState(tranche.state).label,
            }
            for tranche in project.tranches.all()
        ],
    }


class GrantFilters(Schema):
    wave: str | None = Field(None, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$", description="Identifiant d'une vague.")
    state: ProjectState | None = Field(None, description="État du projet.")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(PER_PAGE, ge=1, le=MAX_PER_PAGE)


@router.get("", response=GrantsPage, summary="Projets financés, leurs membres et leur échéancier")
def list_grants(request, filters: Query[GrantFilters]):
    """Public: every funded project, by number, with its members and their shares of the grant, its départements,
    its state and its payment schedule; by pages, filtered by wave and state."""
    projects = public_projects().order_by("application__number")
    if filters.wave:
        projects = projects.filter(application__wave__slug=filters.wave)
    if filters.state:
        projects = projects.filter(state=filters.state)
    page = page_of(projects, filters.page, filters.per_page)
    page["items"] = [grant_out(project) for project in page["items"]]
    return page
