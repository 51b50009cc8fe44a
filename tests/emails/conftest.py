import pytest


@pytest.fixture(autouse=True)
def stored_emails(settings):
    """Emails go through the platform's real path: stored, then delivered by the worker into `mail.outbox`.

    pytest-django replaces EMAIL_BACKEND by the in-memory backend; put the stored backend back.
    """
    settings.EMAIL_BACKEND = "deffinov.emails.backends.StoredEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
