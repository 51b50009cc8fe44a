"""The call for projects and its waves: a factory for any call, and a builder for the Normandy call itself."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from deffinov.calls.models import Call, TiersLieuCriterion, Wave, end_of_day_in_paris, start_of_day_in_paris
from tests.territories.factories import NORMANDY_DEPARTMENTS, department

NORMANDY_CALL_SLUG = "normandie-connectee-deffinov"
NORMANDY_CALL_TITLE = "Normandie Connectée – Nouveaux espaces de compétences – Deffinov"
CRITERIA = (
    ("ancrage_territorial", "Ancrage territorial"),
    ("communaute", "Communauté d'acteurs engagés"),
    ("gouvernance_partagee", "Gouvernance partagée"),
    ("hybridation", "Hybridation des activités"),
    ("experimentation", "Expérimentation et innovation"),
)
# The real waves of the call, in Paris time: (opening day, closing day).
NORMANDY_WAVES = {
    1: (dt.date(2023, 1, 26), dt.date(2023, 4, 28)),
    2: (dt.date(2024, 1, 8), dt.date(2024, 3, 11)),
}


class CallFactory(factory.django.DjangoModelFactory):
    """A published call with the rules of the Normandy call, its five tiers-lieu criteria, open to Calvados.

    `departments=["14", "50"]` changes the départements, `criteria=[]` leaves the criteria out; it has the
    usual budget categories and required documents (`form=False` leaves them out)."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"appel-{n}")
    title = NORMANDY_CALL_TITLE
    short_title = "Deffinov Normandie"
    summary = "Rapprocher tiers-lieux et acteurs de la formation."
    objectives = "Former au plus près des lieux de vie."
    who_may_apply = "Des collectifs de tiers-lieux et d'acteurs de la formation."

    @factory.post_generation
    def departments(call, create, extracted, **kwargs):
        if create:
            call.eligible_departments.set([department(code) for code in (extracted or ["14"])])

    @factory.post_generation
    def criteria(call, create, extracted, **kwargs):
        if create:
            for position, (code, label) in enumerate(CRITERIA if extracted is None else extracted):
                TiersLieuCriterion.objects.create(call=call, code=code, label=label, position=position)

    @factory.post_generation
    def form(call, create, extracted, **kwargs):
        """The usual budget categories and required documents; `form=False` leaves them out."""
        if create and extracted is not False:
            call.add_default_form()


class WaveFactory(factory.django.DjangoModelFactory):
    """A wave open from `opens_on` 00:00 to the end of `closes_on`, in Paris time.

    By default it is open today: it closes in 30 days and opened 60 days before closing."""

    class Meta:
        model = Wave

    class Params:
        closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
        opens_on = factory.LazyAttribute(lambda wave: wave.closes_on - dt.timedelta(days=60))

    call = factory.SubFactory(CallFactory)
    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"vague-test-{n + 1}")
    title = factory.LazyAttribute(lambda wave: f"Vague {wave.number}")
    opens_at = factory.LazyAttribute(lambda wave: start_of_day_in_paris(wave.opens_on))
    closes_at = factory.LazyAttribute(lambda wave: end_of_day_in_paris(wave.closes_on))
    envelope = Decimal(1_000_000)


def normandy_call(slug=NORMANDY_CALL_SLUG):
    """The Normandy call: its five départements and five criteria (built once, then found again)."""
    return Call.objects.filter(slug=slug).first() or CallFactory(slug=slug, departments=list(NORMANDY_DEPARTMENTS))


def normandy_wave(number=2, title=None, call=None):
    """Wave 1 (26 January – 28 April 2023) or wave 2 (8 January – 11 March 2024) of the Normandy call,
    as `vague-1` or `vague-2` (built once, then found again)."""
    call = call or normandy_call()
    opens_on, closes_on = NORMANDY_WAVES[number]
    return call.waves.filter(number=number).first() or WaveFactory(
        call=call,
        number=number,
        slug=f"vague-{number}",
        title=title or f"Vague {number}",
        opens_on=opens_on,
        closes_on=closes_on,
    )
