"""GET /api/v1/calls: the published calls, their rules, tiers-lieu criteria and waves."""

import datetime as dt
import json
from decimal import Decimal

from django.core.cache import cache
from django.http import HttpResponse
from ninja import Router, Schema
from ninja.responses import NinjaJSONEncoder, Status
from pydantic import Field

from deffinov.calls.models import PARIS, Call
from deffinov.calls.pages import CACHE_SECONDS, calls_version

router = Router(tags=["Appels à projets"])


def as_number(value):
    """A JSON number: 50000 rather than "50000.00", 0.3 for a rate."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


class RulesOut(Schema):
    grant_min: int | float
    grant_max: int | float
    cofinancing_floor: float
    cofinancing_floor_exception: float
    duration_min_months: int
    duration_max_months: int
    programme_ends_on: dt.date
    eligible_departements: list[str]
    min_tiers_lieu_members: int
    min_training_members: int
    min_distinct_members: int
    seniority_months: int
    de_minimis_ceiling: int | float
    communication_cap_rate: float
    project_start: str = Field(
        description="Début des projets au plus tôt (règle schedule.start) : submission, à partir du dépôt du "
        "dossier ; wave_opening, à partir de l'ouverture de la vague ; any, sans contrainte."
    )

    @staticmethod
    def from_call(call):
        return RulesOut(
            grant_min=as_number(call.grant_min),
            grant_max=as_number(call.grant_max),
            cofinancing_floor=float(call.cofinancing_floor),
            cofinancing_floor_exception=float(call.cofinancing_floor_exception),
            duration_min_months=call.duration_min_months,
            duration_max_months=call.duration_max_months,
            programme_ends_on=call.programme_ends_on,
            eligible_departements=call.eligible_department_codes(),
            min_tiers_lieu_members=call.min_tiers_lieu_members,
            min_training_members=call.min_training_members,
            min_distinct_members=call.min_distinct_members,
            seniority_months=call.seniority_months,
            de_minimis_ceiling=as_number(call.de_minimis_ceiling),
            communication_cap_rate=float(call.communication_cap_rate),
            project_start=call.project_start,
        )


class CriterionOut(Schema):
    code: str
    label: str


class WaveOut(Schema):
    slug: str
    number: int
    title: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    status: str
    envelope: int | float
    is_demo: bool
    projects_end_on: dt.date = Field(
        description="Les projets de cette vague s'achèvent au plus tard ce jour (règle schedule.end) : "
        "la fin du programme, sauf date propre à la vague."
    )

    @staticmethod
    def resolve_projects_end_on(wave):
        return wave.projects_end_on or wave.call.programme_ends_on

    @staticmethod
    def resolve_opens_at(wave):
        return wave.opens_at.astimezone(PARIS)

    @staticmethod
    def resolve_closes_at(wave):
        return wave.closes_at.astimezone(PARIS)

    @staticmethod
    def resolve_status(wave):
        return str(wave.status())

    @staticmethod
    def resolve_envelope(wave):
        return as_number(wave.envelope)


class CallOut(Schema):
    slug: str
    title: str
    short_title: str
    url: str
    rules: RulesOut
    tiers_lieu_criteria: list[CriterionOut]
    waves: list[WaveOut]

    @staticmethod
    def resolve_url(call, context):
        return context["request"].build_absolute_uri(call.get_absolute_url())

    @staticmethod
    def resolve_rules(call):
        return RulesOut.from_call(call)

    @staticmethod
    def resolve_tiers_lieu_criteria(call):
        return list(call.tiers_lieu_criteria.all())

    @staticmethod
    def resolve_waves(call):
        return list(call.waves.all())


class NotFoundOut(Schema):
    detail: str


@router.get("", response=list[CallOut], summary="Appels à projets publiés")
def list_calls(request):
    """Public: each published call with its rules, its tiers-lieu criteria and its waves (dates in Paris time).

    The same answer for everybody on a host, kept for the calls' current version and waves' status."""
    key = f"api:calls:{request.scheme}://{request.get_host()}:{calls_version()}"
    body = cache.get(key)
    if body is None:
        calls = Call.objects.published().with_rules()
        data = [CallOut.model_validate(call, context={"request": request}).model_dump(mode="json") for call in calls]
        body = json.dumps(data, cls=NinjaJSONEncoder)
        cache.set(key, body, CACHE_SECONDS)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@router.get("/{slug}", response={200: CallOut, 404: NotFoundOut}, summary="Un appel à projets")
def get_call(request, slug: str):
    """Public: one published call; 404 when the identifier is unknown."""
    call = Call.objects.published().with_rules().filter(slug=slug).first()
    if call is None:
        return Status(404, {"detail": "Appel à projets introuvable."})
    return call
