import pytest

from tests.accounts.factories import UserFactory
from tests.instruction.factories import make_application, make_wave
from tests.organisations.factories import OrganisationFactory


@pytest.fixture
def wave(db):
    return make_wave()


@pytest.fixture
def partner_person(db):
    return UserFactory(email="nadia@formations-bocage.fr", first_name="Nadia", last_name="Haddad")


@pytest.fixture
def expert(db):
    """Experts are people without staff rights, invited on some dossiers by the reviews app."""
    return UserFactory(email="expert@dreets.gouv.fr", first_name="Marc", last_name="Expert")


@pytest.fixture
def other_instructor(db):
    return UserFactory(email="hugo@normandie.fr", first_name="Hugo", last_name="Moreau", staff=True)


@pytest.fixture
def platform_admin(db):
    return UserFactory(
        email="admin@normandie.fr", first_name="Anne", last_name="Admin", is_staff=True, is_superuser=True
    )


@pytest.fixture
def partner(partner_person):
    return OrganisationFactory(organisme_formation=True, name="Formations du Bocage", members=[partner_person])


@pytest.fixture
def application(wave, lead, partner):
    return make_application(wave, lead=lead, partner=partner, with_document=True)
