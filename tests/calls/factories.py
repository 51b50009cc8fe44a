import datetime as dt

import factory

from deffinov.calls.models import Call, Wave, end_of_day_in_paris, start_of_day_in_paris


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    slug = factory.Sequence(lambda n: f"appel-{n}")
    title = factory.Sequence(lambda n: f"Appel à projets {n}")
    short_title = factory.Sequence(lambda n: f"Appel {n}")
    summary = "Un appel à projets."
    objectives = "Un objectif"
    who_may_apply = "Des collectifs"


class WaveFactory(factory.django.DjangoModelFactory):
    """A wave open from `opens_on` 00:00 to the end of `closes_on`, in Paris time."""

    class Meta:
        model = Wave

    class Params:
        opens_on = dt.date(2024, 1, 8)
        closes_on = dt.date(2024, 3, 11)

    call = factory.SubFactory(CallFactory)
    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"vague-{n}")
    title = factory.Sequence(lambda n: f"Vague {n}")
    opens_at = factory.LazyAttribute(lambda wave: start_of_day_in_paris(wave.opens_on))
    closes_at = factory.LazyAttribute(lambda wave: end_of_day_in_paris(wave.closes_on))
