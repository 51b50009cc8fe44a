"""Bookable resources at the factory place of Vire (open Mo-Fr 09:00-12:00,14:00-18:30; Sa 09:00-12:00; PH off)."""

import factory

from deffinov.bookings.models import Resource, ResourceKind
from tests.network.factories import PlaceFactory


class ResourceFactory(factory.django.DjangoModelFactory):
    """Four seats of a distance-learning room, one-hour slots, bookable 28 days ahead, cancellable until 2 h before."""

    class Meta:
        model = Resource

    place = factory.SubFactory(PlaceFactory)
    kind = ResourceKind.SEATS
    name = "Salle de formation à distance"
    capacity = 4
    slot_minutes = 60
    horizon_days = 28
    cancellation_hours = 2
