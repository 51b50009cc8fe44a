"""Partner ads at the real centres of Normandy's communes (never random geography)."""

import factory

from deffinov.matchmaking.models import Ad, AdStatus
from deffinov.organisations.kinds import Kind
from tests.organisations.factories import OrganisationFactory


class AdFactory(factory.django.DjangoModelFactory):
    """A published ad of a tiers-lieu in Vire Normandie looking for a training organisation within 60 km, in the
    « Communication et information » domain (NSF 32)."""

    class Meta:
        model = Ad

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Cherche un partenaire de formation {n}")
    sought_kinds = factory.LazyFunction(lambda: [Kind.ORGANISME_FORMATION.value, Kind.CFA.value])
    seeks = factory.LazyFunction(list)
    offers = factory.LazyFunction(list)
    domains = factory.LazyFunction(lambda: ["32"])
    commune = factory.LazyAttribute(lambda ad: ad.organisation.commune)
    radius_km = 60
    description = "Un projet de formation à distance dans notre tiers-lieu."
    status = AdStatus.PUBLISHED

    class Params:
        paused = factory.Trait(status=AdStatus.PAUSED)
        closed = factory.Trait(status=AdStatus.CLOSED)
