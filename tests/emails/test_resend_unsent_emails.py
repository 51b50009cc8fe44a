from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from deffinov.emails.models import Email

pytestmark = pytest.mark.django_db


def stored_email(minutes_ago, **fields):
    email = Email.objects.create(to=["membre@example.fr"], from_email="deffinov@normandie.fr", subject="S", **fields)
    Email.objects.filter(pk=email.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return email


def run_command(*args):
    from io import StringIO

    out = StringIO()
    call_command("resend_unsent_emails", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def emails():
    return {
        "stuck": stored_email(minutes_ago=60, body_text="bloqué"),
        "recent": stored_email(minutes_ago=5, body_text="récent"),
        "sent": stored_email(minutes_ago=60, body_text="envoyé", sent_at=timezone.now()),
        "hopeless": stored_email(minutes_ago=60, body_text="abandonné", attempts=10),
    }


def test_the_dry_run_only_counts(emails, run_tasks):
    output = run_command()

    assert "1 courriel(s) seraient remis en file" in output
    assert not DBTaskResult.objects.exists()
    run_tasks()
    assert mail.outbox == []


def test_the_wet_run_sends_the_old_unsent_emails(emails, run_tasks):
    output = run_command("--wet-run")

    assert "1 courriel(s) remis en file" in output
    run_tasks()
    assert [sent.body for sent in mail.outbox] == ["bloqué"]


def test_the_age_is_a_parameter(emails, run_tasks):
    run_command("--wet-run", "--older-than", "1")

    run_tasks()
    assert sorted(sent.body for sent in mail.outbox) == ["bloqué", "récent"]
