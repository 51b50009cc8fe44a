import socket

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from deffinov.emails.models import Email
from deffinov.emails.tasks import send_email

pytestmark = pytest.mark.django_db


def build_message():
    message = EmailMultiAlternatives(
        subject="Accusé de réception de votre dossier",
        body="Votre dossier a bien été déposé.",
        from_email="Région Normandie <deffinov@normandie.fr>",
        to=["cheffe-de-file@example.fr"],
        cc=["partenaire@example.fr"],
        bcc=["archives@normandie.fr"],
        reply_to=["instruction@normandie.fr"],
        headers={"X-Dossier": "DEF-2024-001"},
    )
    message.attach_alternative("<p>Votre dossier a bien été <strong>déposé</strong>.</p>", "text/html")
    message.attach("accuse-reception.pdf", b"%PDF-1.7 binary \x00\xff", "application/pdf")
    message.attach("budget.csv", "poste;montant\nFormateurs;12 000\n", "text/csv")
    return message


def test_sending_stores_the_email_and_sends_nothing_before_the_worker_runs():
    assert build_message().send() == 1

    email = Email.objects.get()
    assert email.to == ["cheffe-de-file@example.fr"]
    assert email.cc == ["partenaire@example.fr"]
    assert email.bcc == ["archives@normandie.fr"]
    assert email.reply_to == ["instruction@normandie.fr"]
    assert email.from_email == "Région Normandie <deffinov@normandie.fr>"
    assert email.body_html == "<p>Votre dossier a bien été <strong>déposé</strong>.</p>"
    assert [attachment["filename"] for attachment in email.attachments] == ["accuse-reception.pdf", "budget.csv"]
    assert email.sent_at is None
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="deffinov.emails.tasks.send_email").count() == 1


def test_the_worker_sends_the_stored_email_with_its_html_and_attachments(run_tasks):
    build_message().send()

    run_tasks()

    [sent] = mail.outbox
    assert sent.subject == "Accusé de réception de votre dossier"
    assert sent.body == "Votre dossier a bien été déposé."
    assert sent.to == ["cheffe-de-file@example.fr"]
    assert sent.cc == ["partenaire@example.fr"]
    assert sent.bcc == ["archives@normandie.fr"]
    assert sent.reply_to == ["instruction@normandie.fr"]
    assert sent.extra_headers["X-Dossier"] == "DEF-2024-001"
    assert sent.alternatives[0][0] == "<p>Votre dossier a bien été <strong>déposé</strong>.</p>"
    pdf, csv = sent.attachments
    assert (pdf[0], pdf[1], pdf[2]) == ("accuse-reception.pdf", b"%PDF-1.7 binary \x00\xff", "application/pdf")
    assert (csv[0], csv[1], csv[2]) == ("budget.csv", "poste;montant\nFormateurs;12 000\n", "text/csv")
    email = Email.objects.get()
    assert email.sent_at is not None
    assert email.attempts == 1


def test_an_html_only_message_keeps_a_text_version(run_tasks):
    message = EmailMessage("Relance", "<p>Il manque <em>le budget</em>.</p>", to=["membre@example.fr"])
    message.content_subtype = "html"
    message.send()

    run_tasks()

    [sent] = mail.outbox
    assert sent.body == "Il manque le budget."
    assert sent.alternatives[0][0] == "<p>Il manque <em>le budget</em>.</p>"


def test_an_email_is_sent_only_once_when_its_task_runs_twice(run_tasks):
    build_message().send()
    email = Email.objects.get()
    send_email.enqueue(email.pk)

    run_tasks()

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.attempts == 1
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2


def unused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_failed_delivery_is_recorded_and_the_email_stays_unsent(settings, run_tasks):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", unused_port(), 2
    build_message().send()

    run_tasks()

    email = Email.objects.get()
    assert email.sent_at is None
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    task_result = DBTaskResult.objects.get()
    assert task_result.status == "FAILED"
    assert "ConnectionRefusedError" in task_result.exception_class_path

    # Once the mail server is back, the same email goes out and the error is cleared.
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_email.enqueue(email.pk)
    run_tasks()
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 2
    assert email.last_error == ""
    assert len(mail.outbox) == 1


def test_a_rolled_back_transaction_leaves_no_email_and_no_task(run_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        build_message().send()
        raise RuntimeError("le dépôt a échoué")

    run_tasks()

    assert not Email.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert mail.outbox == []


def test_a_message_without_recipients_is_not_stored():
    assert EmailMessage("Sans destinataire", "Rien", to=[]).send() == 0
    assert not Email.objects.exists()
