"""Places, at fixed real coordinates (never random geography)."""

import factory

from deffinov.network.models import Place
from deffinov.network.vocabulary import PlaceKind, Service
from tests.organisations.factories import OrganisationFactory
from tests.territories.factories import vire_normandie

WEEKDAYS = "Mo-Fr 09:00-12:00,14:00-18:30; Sa 09:00-12:00; PH off"


class PlaceFactory(factory.django.DjangoModelFactory):
    """A published tiers-lieu at the centre of Vire Normandie, open on weekdays and Saturday mornings."""

    class Meta:
        model = Place

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Espace numérique du Bocage {n}")
    address = "12 rue du Calvados"
    postcode = "14500"
    commune = factory.LazyFunction(vire_normandie)
    latitude = factory.LazyAttribute(lambda place: float(place.commune.latitude))
    longitude = factory.LazyAttribute(lambda place: float(place.commune.longitude))
    kinds = factory.LazyFunction(lambda: [PlaceKind.TIERS_LIEU.value])
    services = factory.LazyFunction(lambda: [Service.OUTILS.value])
    opening_hours = WEEKDAYS
    published = True

    class Params:
        unpublished = factory.Trait(published=False)
        epn = factory.Trait(kinds=[PlaceKind.EPN.value])
        with_visio = factory.Trait(visio_room=True, computers=8, internet=True, seats=12)
