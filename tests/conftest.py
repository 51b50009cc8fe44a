from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _stored_emails(settings):
    """Emails go through the real path: stored, then delivered by the worker (`run_tasks`) into mail.outbox."""
    settings.EMAIL_BACKEND = "deffinov.emails.backends.StoredEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


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
