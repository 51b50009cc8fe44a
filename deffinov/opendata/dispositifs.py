"""Each published call as a « dispositif d'aide » (schemas/dispositif-aide.schema.json, Etalab v0.2.0): one row per
call, with a stable identifier the SCDL « subventions » file repeats in `dispositifAide`."""

import datetime as dt
import json
import uuid

from django.conf import settings
from django.utils import timezone

from deffinov.calls.models import Call

# Fixed once for all: a call's identifier is derived from it and the call's key, so it never changes.
NAMESPACE = uuid.UUID("9a4f1c52-6a1e-4a8e-9d0b-2f4a6f0c7d31")
COLUMNS = (
    "id",
    "titre",
    "promesse",
    "description",
    "eligibilite",
    "types_aides",
    "porteurs",
    "programmes_parents",
    "url_source",
    "cibles",
    "eligibilite_geographique",
    "eligibilite_geographique_exclusions",
    "date_ouverture",
    "date_cloture",
    "date_mise_a_jour",
)
DESCRIPTION_MAX = 5000
NORMANDY_REGION = "REG-28"
# Tiers-lieux (often associations), training providers and companies, schools and public bodies.
TARGETS = "associations|professionnels|secteur public"


def dispositif_id(call):
    return str(uuid.uuid5(NAMESPACE, f"call:{call.pk}"))


def utc(moment):
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def published_calls():
    return Call.objects.published().prefetch_related("waves", "eligible_departments").order_by("pk")


def row_of(call, now):
    waves = list(call.waves.all())
    objectives = "\n".join(f"• {objective}" for objective in call.objective_list())
    description = f"{call.summary.strip()}\n\nObjectifs :\n{objectives}" if objectives else call.summary.strip()
    departments = call.eligible_department_codes()
    carriers = [
        {
            "nom": call.funder or settings.REGION_NAME,
            "siren": settings.REGION_SIRET[:9],
            "roles": ["financeur", "instructeur"],
        }
    ]
    return {
        "id": dispositif_id(call),
        "titre": call.short_title or call.title,
        "promesse": "",
        "description": description[:DESCRIPTION_MAX],
        "eligibilite": "\n".join(f"• {line}" for line in call.who_may_apply_list()) or call.title,
        "types_aides": "financement",
        "porteurs": json.dumps(carriers, ensure_ascii=False),
        "programmes_parents": "",
        "url_source": f"{settings.SITE_URL}{call.get_absolute_url()}",
        "cibles": TARGETS,
        "eligibilite_geographique": "|".join(f"DEP-{code}" for code in departments) or NORMANDY_REGION,
        "eligibilite_geographique_exclusions": "",
        "date_ouverture": utc(min(wave.opens_at for wave in waves)) if waves else "",
        "date_cloture": utc(max(wave.closes_at for wave in waves)) if waves else "",
        "date_mise_a_jour": utc(now),
    }


def rows(calls=None, now=None):
    """Lists of cells in the schema's column order (the writer neutralises text cells)."""
    now = now or timezone.now()
    for call in published_calls() if calls is None else calls:
        row = row_of(call, now)
        yield [row[column] for column in COLUMNS]
