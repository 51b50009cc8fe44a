"""Fixtures every app's tests share: the test settings, the background worker, Normandy and its people.

They are exposed to every test by tests/conftest.py; an app's conftest.py adds only what is its own."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.core.management import call_command

from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.territories.factories import vire_normandie

SITE_URL = "https://deffinov.normandie.fr"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def outside_world_unreachable(settings):
    """No test reaches a public service (the SIRENE register, the geo API): they point at a closed local port,
    unless a test serves recorded answers itself."""
    settings.SIRENE_API_URL = "http://127.0.0.1:9"
    settings.GEO_API_URL = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages must not leak from one test to the next."""
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture(autouse=True)
def stored_emails(settings):
    """Emails go through the real path: stored, then delivered by the worker (`run_tasks`) into mail.outbox.

    pytest-django replaces EMAIL_BACKEND by the in-memory backend; the stored backend is put back. Links in
    emails point to the public site."""
    settings.EMAIL_BACKEND = "deffinov.emails.backends.StoredEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = SITE_URL


@pytest.fixture
def run_tasks(db):
    """Run the background worker over the queued tasks, as `manage.py db_worker` does in production."""

    def run():
        # The worker closes "old" connections between tasks, as a long-running process should; inside a test's
        # transaction that would close the test's own connection, so it is kept open here (as Django's test client
        # does for requests).
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", batch=True, interval=0, verbosity=0, startup_delay=False)

    return run


@pytest.fixture
def vire(db):
    """Vire Normandie (Calvados), with its real INSEE code and centre."""
    return vire_normandie()


# The people of a tiers-lieu of Vire, an outsider and a Region instructor.
@pytest.fixture
def lead_admin(db):
    return UserFactory(email="admin@tiers-lieu-vire.fr", first_name="Claire", last_name="Durand")


@pytest.fixture
def lead_member(db):
    return UserFactory(email="membre@tiers-lieu-vire.fr", first_name="Paul", last_name="Leroy")


@pytest.fixture
def outsider(db):
    return UserFactory(email="autre@exemple.fr", first_name="Inès", last_name="Petit")


@pytest.fixture
def instructor(db):
    return UserFactory(email="lucie@normandie.fr", first_name="Lucie", last_name="Bernard", instructor=True)


@pytest.fixture
def lead(lead_admin, lead_member):
    """La Fabrique du Bocage, a tiers-lieu in Vire Normandie: Claire is its admin, Paul a member."""
    return OrganisationFactory(name="La Fabrique du Bocage", admins=[lead_admin], members=[lead_member])
