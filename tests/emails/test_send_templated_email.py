import pytest
from django.core import mail

from deffinov.emails.models import Email
from deffinov.emails.send import send_templated_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def templates(tmp_path, settings):
    folder = tmp_path / "templates" / "receipts"
    folder.mkdir(parents=True)
    (folder / "submitted_subject.txt").write_text("Dossier {{ reference }}\n  déposé\n")
    (folder / "submitted_body.txt").write_text("Bonjour {{ name }},\nvotre dossier {{ reference }} est déposé.\n")
    (folder / "submitted_body.html").write_text("<p>Bonjour {{ name }}, votre dossier {{ reference }} est déposé.</p>")
    (folder / "reminder_subject.txt").write_text("Rappel")
    (folder / "reminder_body.txt").write_text("Plus que {{ days }} jours.")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}]


def test_the_templated_email_is_rendered_stored_and_sent_with_its_attachment(templates, run_tasks):
    send_templated_email(
        "lead@example.fr",
        "receipts/submitted",
        {"name": "Tiers-lieu d'Avranches", "reference": "DEF-7"},
        attachments=[("accuse.pdf", b"%PDF", "application/pdf")],
    )
    assert Email.objects.get().subject == "Dossier DEF-7 déposé"
    assert mail.outbox == []

    run_tasks()

    [sent] = mail.outbox
    assert sent.to == ["lead@example.fr"]
    assert sent.subject == "Dossier DEF-7 déposé"
    assert sent.body == "Bonjour Tiers-lieu d'Avranches,\nvotre dossier DEF-7 est déposé."
    assert sent.alternatives[0][0] == "<p>Bonjour Tiers-lieu d&#x27;Avranches, votre dossier DEF-7 est déposé.</p>"
    assert sent.attachments[0][0] == "accuse.pdf"


def test_the_html_version_is_optional(templates, run_tasks):
    send_templated_email(["a@example.fr", "b@example.fr"], "receipts/reminder", {"days": 3})

    run_tasks()

    [sent] = mail.outbox
    assert sent.to == ["a@example.fr", "b@example.fr"]
    assert sent.body == "Plus que 3 jours."
    assert sent.alternatives == []
