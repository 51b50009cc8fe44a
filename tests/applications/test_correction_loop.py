"""The correction loop from the applicant's side: the banner, « Renvoyer le dossier », the messagerie under the
dossier's own pages, and what happens after a resubmission (new receipts, the instructors told)."""

import datetime as dt

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from deffinov import formatting
from deffinov.applications import workflow
from deffinov.applications.models import ResourceLine
from deffinov.instruction import transitions
from deffinov.instruction.messaging import post_message
from deffinov.instruction.models import Assignment, Message
from deffinov.instruction.notifications import send_digest_now
from tests.accounts.factories import UserFactory
from tests.applications.factories import pdf_bytes
from tests.organisations.helpers import page_text as page_html


def page_text(response):
    """What a person reads: the words of the page, without its tags, spaces collapsed."""
    return " ".join(strip_tags(page_html(response)).split())


def in_correction(consortium, instructor, details="Le budget de communication est à détailler."):
    application = consortium["application"]
    assert workflow.submit(application, consortium["lead_admin"]) is True
    transitions.start_review(application, instructor)
    due_on = timezone.localdate() + dt.timedelta(days=15)
    correction = transitions.request_correction(application, instructor, "incomplete", details, due_on)
    return application, correction


def messages_url(application):
    return reverse("applications:messages", args=[application.number])


def resubmit_url(application):
    return reverse("applications:resubmit", args=[application.number])


def test_the_dossier_in_correction_says_why_by_when_who_asked_and_how_to_send_it_back(consortium, instructor, client):
    application, correction = in_correction(consortium, instructor)
    client.force_login(consortium["lead_admin"])
    text = page_text(client.get(application.get_absolute_url()))
    assert "La Région demande une correction" in text
    assert "Motif : Dossier incomplet" in text
    assert "Le budget de communication est à détailler." in text
    assert f"par {instructor}" in text
    assert f"À renvoyer au plus tard le {formatting.day(correction.due_on)} à 23 h 59 (heure de Paris)" in text
    assert "Il ne peut plus être modifié" not in text
    assert "Renvoyer le dossier" in text
    page = client.get(application.get_absolute_url()).content.decode()
    assert f'href="{messages_url(application)}"' in page
    assert 'href="#budget"' in page


def test_a_partner_sees_the_request_but_only_the_leads_admin_sends_the_dossier_back(consortium, instructor, client):
    application, _ = in_correction(consortium, instructor)
    client.force_login(consortium["partner_admin"])
    text = page_text(client.get(application.get_absolute_url()))
    assert "La Région demande une correction" in text
    assert "Seuls les administrateurs de la structure chef de file peuvent renvoyer le dossier." in text
    assert client.post(resubmit_url(application)).status_code == 404
    application.refresh_from_db()
    assert application.state == "correction_requested"


def test_an_outsider_cannot_send_the_dossier_back(consortium, instructor, outsider, client):
    application, _ = in_correction(consortium, instructor)
    client.force_login(outsider)
    assert client.post(resubmit_url(application)).status_code == 404


def test_resubmitting_sends_a_new_receipt_to_every_member_and_tells_the_assigned_instructor(
    consortium, instructor, client, run_tasks
):
    other_instructor = UserFactory(instructor=True, email="hugo@normandie.fr")
    application, _ = in_correction(consortium, instructor)
    Assignment.objects.create(application=application, instructor=instructor)
    run_tasks()
    first_receipt = application.receipt.sha256
    mail.outbox.clear()
    ResourceLine.objects.filter(application=application, kind="own_funds").update(label="Fonds propres 2025")
    client.force_login(consortium["lead_admin"])
    response = client.post(resubmit_url(application), follow=True)
    text = page_text(response)
    assert "Le dossier corrigé est renvoyé à la Région." in text
    application.refresh_from_db()
    assert application.state == "in_review"
    run_tasks()
    receipts = [m for m in mail.outbox if m.subject == f"Accusé de réception du dossier {application.number}"]
    assert sorted(address for m in receipts for address in m.to) == sorted(
        [consortium["lead_admin"].email, consortium["partner_admin"].email]
    )
    application.receipt.refresh_from_db()
    assert application.receipt.sha256 != first_receipt
    told = [m for m in mail.outbox if "dossier corrigé est renvoyé" in m.subject]
    assert [m.to for m in told] == [[instructor.email]]
    assert other_instructor.email not in {address for m in mail.outbox for address in m.to}
    assert reverse("instruction:dossier", args=[application.number]) in told[0].body
    assert "Fonds propres" in told[0].body or "modification" in told[0].body


def test_without_an_assignment_every_instructor_is_told(consortium, instructor, run_tasks):
    other_instructor = UserFactory(instructor=True, email="hugo@normandie.fr")
    application, _ = in_correction(consortium, instructor)
    run_tasks()
    mail.outbox.clear()
    transitions.resubmit(application, consortium["lead_admin"])
    run_tasks()
    told = sorted(address for m in mail.outbox if "dossier corrigé est renvoyé" in m.subject for address in m.to)
    assert told == sorted([instructor.email, other_instructor.email])


def test_a_dossier_still_failing_a_rule_is_not_sent_back_and_the_banner_says_what_to_fix(
    consortium, instructor, client
):
    application, _ = in_correction(consortium, instructor)
    ResourceLine.objects.filter(application=application, kind="own_funds").delete()
    client.force_login(consortium["lead_admin"])
    response = client.post(resubmit_url(application), follow=True)
    text = page_text(response)
    assert "Le dossier ne peut pas être renvoyé : des règles de l'appel ne sont pas respectées." in text
    assert "Ces règles de l'appel ne sont pas encore respectées" in text
    application.refresh_from_db()
    assert application.state == "correction_requested"


def test_the_messagerie_tab_counts_unread_messages_until_they_are_read(consortium, instructor, client):
    application, _ = in_correction(consortium, instructor)
    post_message(application, instructor, "Pouvez-vous joindre le devis de l'imprimeur ?")
    client.force_login(consortium["lead_admin"])
    text = page_text(client.get(application.get_absolute_url()))
    assert "Messagerie 1 message non lu" in text
    thread = page_text(client.get(messages_url(application)))
    assert "Pouvez-vous joindre le devis de l'imprimeur ?" in thread
    assert "Région Normandie" in thread
    text = page_text(client.get(application.get_absolute_url()))
    assert "non lu" not in text
    # Read by one person only: the partner still has it unread.
    client.force_login(consortium["partner_admin"])
    assert "Messagerie 1 message non lu" in page_text(client.get(application.get_absolute_url()))


def test_an_applicant_answers_with_an_attachment_under_the_dossiers_own_pages(consortium, instructor, client):
    application, _ = in_correction(consortium, instructor)
    Assignment.objects.create(application=application, instructor=instructor)
    client.force_login(consortium["partner_admin"])
    upload = SimpleUploadedFile("Devis imprimeur.pdf", pdf_bytes("Devis"), content_type="application/pdf")
    response = client.post(messages_url(application), {"body": "Voici le devis.", "attachments": [upload]}, follow=True)
    text = page_text(response)
    assert "Votre message est envoyé." in text
    assert "Voici le devis." in text
    attachment = Message.objects.get().attachments.get()
    download = client.get(reverse("applications:message_attachment", args=[application.number, attachment.pk]))
    assert b"".join(download.streaming_content) == pdf_bytes("Devis")


def test_an_attachment_that_is_not_what_it_says_is_refused_and_the_text_kept(consortium, instructor, client):
    application, _ = in_correction(consortium, instructor)
    client.force_login(consortium["lead_admin"])
    upload = SimpleUploadedFile("devis.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(messages_url(application), {"body": "Mon long message.", "attachments": [upload]})
    assert response.status_code == 422
    text = page_text(response)
    assert "devis.pdf : Ce fichier n'est pas d'un format accepté" in text
    assert "Mon long message." in text
    assert not Message.objects.exists()


def test_the_messagerie_is_for_the_collectif_of_a_submitted_dossier(consortium, outsider, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    # A draft has no thread with the Region yet.
    assert client.get(messages_url(application)).status_code == 404
    assert workflow.submit(application, consortium["lead_admin"]) is True
    assert client.get(messages_url(application)).status_code == 200
    client.force_login(outsider)
    assert client.get(messages_url(application)).status_code == 404
    client.logout()
    assert client.get(messages_url(application)).status_code == 302


def test_emails_lead_applicants_to_their_own_pages(consortium, instructor, run_tasks):
    application, _ = in_correction(consortium, instructor)
    run_tasks()
    [correction_email, *_] = [m for m in mail.outbox if m.to == [consortium["lead_admin"].email]]
    assert f"{application.get_absolute_url()}\n" in correction_email.body
    assert "/instruction/" not in correction_email.body
    mail.outbox.clear()
    post_message(application, instructor, "Une question sur le budget.")
    assert send_digest_now(consortium["lead_admin"].pk) == 1
    run_tasks()
    [digest] = [m for m in mail.outbox if m.to == [consortium["lead_admin"].email]]
    assert messages_url(application) in digest.body
    assert "/instruction/" not in digest.body


def test_a_message_read_on_the_page_is_not_emailed_again(consortium, instructor, client):
    application, _ = in_correction(consortium, instructor)
    post_message(application, instructor, "Le devis est-il signé ?")
    client.force_login(consortium["lead_admin"])
    client.get(messages_url(application))
    assert send_digest_now(consortium["lead_admin"].pk) == 0
    assert send_digest_now(consortium["partner_admin"].pk) == 1
