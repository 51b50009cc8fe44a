import pytest

from tests.organisations.factories import OrganisationFactory
from tests.territories.factories import alencon, caen, saint_lo, vire_normandie


@pytest.fixture
def communes(db):
    """Vire Normandie, Caen (54 km from Vire), Saint-Lô (34 km) and Alençon (85 km)."""
    return {"vire": vire_normandie(), "caen": caen(), "saint_lo": saint_lo(), "alencon": alencon()}


@pytest.fixture
def trainer_admin(db):
    from tests.accounts.factories import UserFactory

    return UserFactory(email="direction@formation-caen.fr", first_name="Hugo", last_name="Marie")


@pytest.fixture
def trainer(trainer_admin, communes):
    """A training organisation in Caen, 54 km from Vire."""
    return OrganisationFactory(training=True, name="Caen Formation", admins=[trainer_admin])
