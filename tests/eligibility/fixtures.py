import datetime as dt

from deffinov.calls.models import Call, TiersLieuCriterion, Wave, end_of_day_in_paris, start_of_day_in_paris
from deffinov.territories.models import Department, Region
from tests.eligibility.builders import CRITERIA

DEPARTMENTS = {"14": "Calvados", "27": "Eure", "50": "Manche", "61": "Orne", "76": "Seine-Maritime"}


def create_normandy_call():
    """The call with its five départements, five criteria and two waves (2023 and 2024), and Paris outside it."""
    region = Region.objects.create(code="28", name="Normandie")
    departments = [Department.objects.create(code=code, name=name, region=region) for code, name in DEPARTMENTS.items()]
    Department.objects.create(code="75", name="Paris", region=Region.objects.create(code="11", name="Île-de-France"))
    call = Call.objects.create(
        slug="normandie-connectee-deffinov",
        title="Normandie Connectée – Nouveaux espaces de compétences – Deffinov",
        short_title="Deffinov Normandie",
        summary="Rapprocher tiers-lieux et acteurs de la formation.",
        objectives="Former au plus près des lieux de vie.",
        who_may_apply="Des collectifs de tiers-lieux et d'acteurs de la formation.",
    )
    call.eligible_departments.set(departments)
    for position, (code, label) in enumerate(CRITERIA):
        TiersLieuCriterion.objects.create(call=call, code=code, label=label, position=position)
    Wave.objects.create(
        call=call,
        number=1,
        slug="vague-1",
        title="Vague 1",
        opens_at=start_of_day_in_paris(dt.date(2023, 1, 26)),
        closes_at=end_of_day_in_paris(dt.date(2023, 4, 28)),
    )
    Wave.objects.create(
        call=call,
        number=2,
        slug="vague-2",
        title="Vague 2",
        opens_at=start_of_day_in_paris(dt.date(2024, 1, 8)),
        closes_at=end_of_day_in_paris(dt.date(2024, 3, 11)),
    )
    return call
