import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deffinov.instruction.messaging import post_message
from deffinov.instruction.models import Assignment, Message, PendingNotification
from tests.instruction.factories import PDF
from tests.organisations.helpers import page_text

pytestmark = pytest.mark.django_db

START = dt.datetime(2024, 4, 2, 9, 0, tzinfo=dt.UTC)


def thread_url(application):
    return reverse("instruction:messages", args=[application.number])


def test_a_member_writes_to_the_region_with_an_attachment(client, partner_person, instructor, application):
    Assignment.objects.create(application=application, instructor=instructor)
    client.force_login(partner_person)
    upload = SimpleUploadedFile("Devis signé.pdf", PDF, content_type="application/pdf")
    response = client.post(thread_url(application), {"body": "Voici le devis.", "attachments": [upload]}, follow=True)
    text = page_text(response)
    assert "Votre message est envoyé." in text
    assert "Voici le devis." in text
    assert "Devis-signe.pdf" in text
    message = Message.objects.get()
    assert not message.from_region
    assert list(PendingNotification.objects.values_list("recipient", flat=True)) == [instructor.pk]
    client.force_login(instructor)
    attachment = message.attachments.get()
    response = client.get(reverse("instruction:attachment", args=[application.number, attachment.pk]))
    assert b"".join(response.streaming_content) == PDF


def test_a_bad_attachment_is_refused_and_the_text_kept(client, lead_admin, application):
    client.force_login(lead_admin)
    upload = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(thread_url(application), {"body": "Mon long message.", "attachments": [upload]})
    text = page_text(response)
    assert "virus.pdf : Ce fichier n'est pas d'un format accepté" in text
    assert "Mon long message." in text
    assert not Message.objects.exists()


def test_an_empty_message_is_refused(client, lead_admin, application):
    client.force_login(lead_admin)
    response = client.post(thread_url(application), {"body": ""})
    assert "Ce champ est obligatoire." in page_text(response)


def test_region_messages_reach_every_person_of_the_consortium(
    instructor, lead_admin, lead_member, partner_person, application
):
    post_message(application, instructor, "Merci de préciser le calendrier.")
    recipients = set(PendingNotification.objects.values_list("recipient__email", flat=True))
    assert recipients == {lead_admin.email, lead_member.email, partner_person.email}


def test_without_assignment_every_instructor_is_told(instructor, other_instructor, lead_admin, application):
    post_message(application, lead_admin, "Une question.")
    recipients = set(PendingNotification.objects.values_list("recipient__email", flat=True))
    assert recipients == {instructor.email, other_instructor.email}


def test_notifications_are_grouped_in_one_email_every_five_minutes(
    instructor, lead_admin, partner_person, application, run_tasks
):
    Assignment.objects.create(application=application, instructor=instructor)
    with time_machine.travel(START, tick=False) as traveller:
        post_message(application, lead_admin, "Premier message.")
        traveller.shift(dt.timedelta(minutes=2))
        post_message(application, partner_person, "Deuxième message.")
        run_tasks()
        assert not [m for m in mail.outbox if instructor.email in m.to]  # too early: nothing sent yet
        traveller.shift(dt.timedelta(minutes=3, seconds=1))
        run_tasks()
        run_tasks()  # the email itself is delivered by its own task
        digests = [m for m in mail.outbox if instructor.email in m.to]
        assert len(digests) == 1
        assert digests[0].subject == "2 nouveaux messages sur Deffinov Normandie"
        assert "Premier message." in digests[0].body
        assert "Deuxième message." in digests[0].body
        assert f"/instruction/dossiers/{application.number}/" in digests[0].body
        # A message posted afterwards waits for its own five minutes.
        traveller.shift(dt.timedelta(minutes=1))
        post_message(application, lead_admin, "Troisième message.")
        run_tasks()
        run_tasks()
        assert len([m for m in mail.outbox if instructor.email in m.to]) == 1
        traveller.shift(dt.timedelta(minutes=5))
        run_tasks()
        run_tasks()
        digests = [m for m in mail.outbox if instructor.email in m.to]
        assert len(digests) == 2
        assert digests[1].subject == "Un nouveau message sur Deffinov Normandie"
        assert "Troisième message." in digests[1].body
        assert "Premier message." not in digests[1].body


def test_the_command_sends_digests_left_behind_and_defaults_to_a_dry_run(
    instructor, lead_admin, application, run_tasks
):
    from io import StringIO

    from django.core.management import call_command

    Assignment.objects.create(application=application, instructor=instructor)
    with time_machine.travel(START, tick=False) as traveller:
        post_message(application, lead_admin, "Un message.")
        traveller.shift(dt.timedelta(minutes=6))
        out = StringIO()
        call_command("send_message_digests", stdout=out)
        assert "Simulation : 1 récapitulatif(s) à envoyer." in out.getvalue()
        assert PendingNotification.objects.filter(sent_at__isnull=True).count() == 1
        call_command("send_message_digests", "--wet-run", stdout=out)
        assert "1 récapitulatif(s) envoyé(s)." in out.getvalue()
        run_tasks()  # delivers the stored email; the scheduled digest finds nothing left to send
        run_tasks()
        assert len([m for m in mail.outbox if instructor.email in m.to]) == 1
