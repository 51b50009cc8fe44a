"""On PostgreSQL: 200 people booking the same 20 seats at the same moment get exactly 20 seats; the others a clear
refusal, never an error nor an overbooked slot."""

import datetime as dt
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import timezone

from deffinov.bookings import booking as service
from deffinov.bookings import slots
from deffinov.bookings.models import Booking, BookingState, Slot
from deffinov.bookings.workflow import BookingError
from deffinov.formatting import PARIS
from tests.bookings.factories import ResourceFactory

needs_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"
)
REQUESTS = 200
SEATS = 20
# PostgreSQL accepts 100 connections by default: 60 threads at once, each taking the next request as it finishes.
THREADS = 60


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_hundred_concurrent_requests_for_twenty_seats_give_exactly_twenty():
    resource = ResourceFactory(capacity=SEATS, opening_hours="Mo-Su 08:00-20:00; PH 08:00-20:00")
    today = timezone.now().astimezone(PARIS).date()
    slot = slots.open_slots(resource.place, today + dt.timedelta(days=1), today + dt.timedelta(days=1))[0]
    barrier = threading.Barrier(THREADS)
    started = threading.local()

    def attempt(number):
        if not getattr(started, "done", False):
            barrier.wait()
            started.done = True
        try:
            service.book(slot.pk, email=f"apprenant{number:03d}@exemple.fr")
            return "booked"
        except BookingError as error:
            return error.message
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(attempt, range(REQUESTS)))
    assert outcomes.count("booked") == SEATS
    assert outcomes.count("Ce créneau est complet : choisissez-en un autre.") == REQUESTS - SEATS
    slot = Slot.objects.get(pk=slot.pk)
    assert slot.taken == SEATS
    assert Booking.objects.filter(slot=slot).exclude(state=BookingState.CANCELLED).count() == SEATS
