"""The demonstration's bookings: rooms open in the coming weeks, 40 learners who can log in, past and future
bookings; loading twice changes nothing."""

import io

from django.contrib.auth import authenticate
from django.db.models import F

from deffinov.bookings.demo import load_demo_bookings
from deffinov.bookings.models import Booking, BookingState, Resource, Slot
from deffinov.demo.accounts import DEMO_PASSWORD
from deffinov.network.demo import load_demo_places
from tests.demo.fixtures import demo, normandy  # noqa: F401


def test_the_demo_has_bookable_rooms_learners_and_bookings(demo):  # noqa: F811
    out = io.StringIO()
    load_demo_places(out)
    load_demo_bookings(out)
    counts = (Resource.objects.count(), Booking.objects.count(), Slot.objects.count())
    load_demo_bookings(out)
    assert (Resource.objects.count(), Booking.objects.count(), Slot.objects.count()) == counts
    assert Resource.objects.count() >= 3
    states = set(Booking.objects.values_list("state", flat=True))
    assert {BookingState.ATTENDED, BookingState.NO_SHOW, BookingState.CONFIRMED} <= states
    assert Slot.objects.filter(taken__lt=F("capacity")).count() > 10  # open slots in the coming weeks
    user = authenticate(email="apprenant40@demo.deffinov.fr", password=DEMO_PASSWORD)
    assert user is not None and user.emailaddress_set.get().verified
