import pytest

from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory, vire_normandie


@pytest.fixture(autouse=True)
def stored_emails(settings):
    """Emails go through the platform's real path: stored, then delivered by the worker into `mail.outbox`."""
    settings.EMAIL_BACKEND = "deffinov.emails.backends.StoredEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://deffinov.normandie.fr"


@pytest.fixture
def vire(db):
    return vire_normandie()


@pytest.fixture
def admin(db):
    return UserFactory(email="admin@tiers-lieu-vire.fr", first_name="Claire", last_name="Durand")


@pytest.fixture
def member(db):
    return UserFactory(email="membre@tiers-lieu-vire.fr", first_name="Paul", last_name="Leroy")


@pytest.fixture
def outsider(db):
    return UserFactory(email="autre@exemple.fr", first_name="Inès", last_name="Petit")


@pytest.fixture
def staff(db):
    return UserFactory(email="instructeur@normandie.fr", first_name="Lucie", last_name="Bernard", staff=True)


@pytest.fixture
def organisation(admin, member):
    return OrganisationFactory(name="La Fabrique du Bocage", admins=[admin], members=[member])
