import pytest

from tests.accounts.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def stored_emails(settings):
    """Emails go through the platform's real path: stored, then delivered by the worker into `mail.outbox`."""
    settings.EMAIL_BACKEND = "deffinov.emails.backends.StoredEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ACCOUNT_FORMS = {"signup": "deffinov.accounts.forms.SignupForm"}


@pytest.fixture
def user(db):
    return UserFactory(first_name="Camille", last_name="Lefèvre")


@pytest.fixture
def password():
    return PASSWORD
