import datetime as dt

import pytest
import time_machine

from deffinov.formatting import PARIS
from tests.accounts.factories import UserFactory
from tests.loans.factories import ItemFactory
from tests.organisations.factories import OrganisationFactory

# Monday 30 November 2026, 10:00 in Paris.
NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def borrower_admin(db):
    return UserFactory(email="admin@ateliers-falaise.fr", first_name="Marc", last_name="Lemoine")


@pytest.fixture
def borrower(borrower_admin):
    """Les Ateliers de Falaise, another structure of the network: Marc is its admin."""
    return OrganisationFactory(name="Les Ateliers de Falaise", admins=[borrower_admin])


@pytest.fixture
def item(lead):
    """A headset of La Fabrique du Bocage (Claire is its admin), lent to the whole network."""
    return ItemFactory(organisation=lead, name="Casque Meta Quest 3 n° 1")
