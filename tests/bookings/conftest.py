import datetime as dt

import pytest
import time_machine

from deffinov.bookings import slots
from deffinov.formatting import PARIS
from tests.accounts.factories import UserFactory
from tests.bookings.factories import ResourceFactory

# A Monday morning in Paris; Tuesday 1 December 2026 is an ordinary working day.
NOW = dt.datetime(2026, 11, 30, 8, 0, tzinfo=PARIS)
TUESDAY = dt.date(2026, 12, 1)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def resource(db, lead, now):
    """Four seats at a place of La Fabrique du Bocage, whose administrator is Claire (`lead_admin`)."""
    return ResourceFactory(place__organisation=lead)


@pytest.fixture
def tuesday_slots(resource):
    return slots.open_slots(resource.place, TUESDAY, TUESDAY)


@pytest.fixture
def slot(tuesday_slots):
    """Tuesday 1 December 2026, 9 h – 10 h."""
    return tuesday_slots[0]


@pytest.fixture
def learner(db):
    return UserFactory(email="apprenant@exemple.fr", first_name="Léa", last_name="Martin")
