import pytest

from tests.applications.factories import eligible_application


@pytest.fixture(autouse=True)
def stored_emails(settings):
    """Emails go the platform's real way: stored, then delivered by the worker (`run_tasks`) into `mail.outbox`."""
    settings.EMAIL_BACKEND = "deffinov.emails.backends.StoredEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://deffinov.normandie.fr"


@pytest.fixture
def consortium(db):
    return eligible_application()


@pytest.fixture
def login(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in
