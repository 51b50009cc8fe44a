"""POST /api/v1/eligibility: the engine behind the simulator, for anyone. Public: no authentication, no CSRF."""

import json

import pydantic
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError, ValidationError

from deffinov.calls.models import Call, Wave
from deffinov.eligibility.engine import evaluate
from deffinov.eligibility.openapi import inline_schema
from deffinov.eligibility.schemas import EligibilityIn, EligibilityOut, ErrorOut, MessageOut
from deffinov.eligibility.snapshots import remembered, snapshot_of

router = Router(tags=["Éligibilité"])

CALL_RELATIONS = ("tiers_lieu_criteria", "eligible_departments")


def invalid(loc, message):
    return ValidationError([{"loc": loc, "type": "value_error", "msg": message, "ctx": {"error": message}}])


def read_payload(request):
    """The body, validated. Parsed here rather than by the framework so that bad JSON also gets a French 422."""
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise ValidationError([{"loc": ["body"], "type": "json_invalid", "msg": ""}]) from None
    try:
        return EligibilityIn.model_validate(data)
    except pydantic.ValidationError as error:
        raise ValidationError(error.errors(include_url=False, include_input=False)) from None


def published_call_snapshot():
    call = Call.objects.published().prefetch_related("waves", *CALL_RELATIONS).first()
    return snapshot_of(call) if call else None


def wave_call_snapshot(slug):
    wave = (
        Wave.objects.filter(slug=slug, call__is_published=True)
        .select_related("call")
        .prefetch_related(*(f"call__{relation}" for relation in ("waves", *CALL_RELATIONS)))
        .first()
    )
    return snapshot_of(wave.call) if wave else None


def call_and_wave(slug, at):
    """The rules to apply and the wave's slug: the given wave, else the published call's default wave."""
    if slug:
        snapshot = remembered(("wave", slug), lambda: wave_call_snapshot(slug))
        if snapshot is None:
            raise invalid(["wave"], f"Aucune vague ne porte l'identifiant « {slug} ».")
        wave = snapshot.wave(slug)
    else:
        snapshot = remembered(("published",), published_call_snapshot)
        if snapshot is None:
            raise HttpError(404, "Aucun appel à projets n'est publié.")
        wave = snapshot.default_wave(at)
    return snapshot.rules_for(wave), wave


def check_criteria(payload, rules):
    known = {code for code, _label in rules.criteria}
    for index, member in enumerate(payload.members):
        for code in member.tiers_lieu_criteria:
            if code not in known:
                raise invalid(
                    ["members", index, "tiers_lieu_criteria", code],
                    f"« {code[:50]} » n'est pas un critère de l'appel ; critères : {', '.join(sorted(known))}.",
                )


DESCRIPTION = """Évalue un collectif (réel ou imaginaire) au regard des règles de l'appel à projets, comme le
simulateur « Suis-je éligible ? » et le dépôt des dossiers : même moteur, mêmes règles.

Chaque règle donne un statut (`pass`, `warning`, `fail`, `not_applicable`), un message en français et les
nombres qui l'expliquent. Le collectif est éligible quand aucune règle n'est en `fail`. Les codes des règles
sont stables : `wave.open`, `composition.tiers_lieu`, `composition.training_actor`,
`composition.distinct_members`, `composition.lead`, `members.seniority`, `territory.region`, `budget.balanced`,
`budget.grant_range`, `budget.cofinancing`, `budget.communication_cap`, `schedule.start`, `schedule.duration`,
`schedule.end`, `documents.complete` (sans objet ici), `state_aid.de_minimis`.

`at` tient lieu de date de dépôt : le projet ne peut pas commencer avant ce jour, à l'heure de Paris
(`schedule.start`, selon l'appel). Toutes les dates sont comprises entre le 1er janvier 1900 et le
31 décembre 2100 ; les montants entre 0 et 1 000 000 000 €.

Réponses : 200, le verdict ; 422, une requête mal formée, dont chaque erreur indique le champ (`loc`) et un
message en français ; 404, aucun appel publié ; 413, un corps de plus de 5 Mo ; 500, une erreur du serveur,
en JSON également."""


@router.post(
    "",
    response={200: EligibilityOut, 404: MessageOut, 422: ErrorOut},
    auth=None,
    summary="Vérifier l'éligibilité d'un collectif",
    description=DESCRIPTION,
    operation_id="check_eligibility",
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": inline_schema(EligibilityIn)}}}
    },
)
@router.post("/", response={200: EligibilityOut, 404: MessageOut, 422: ErrorOut}, auth=None, include_in_schema=False)
def check_eligibility(request):
    payload = read_payload(request)
    at = payload.at or timezone.now()
    rules, wave = call_and_wave(payload.wave, at)
    check_criteria(payload, rules)
    verdict = evaluate(payload.to_facts(), rules, at)
    return {
        "eligible": verdict.eligible,
        "wave": wave.slug if wave else None,
        "rules": [
            {"code": result.code, "status": result.status.value, "message": result.message, "details": result.details}
            for result in verdict.rules
        ],
    }
