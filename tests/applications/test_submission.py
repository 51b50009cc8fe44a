import datetime as dt
import os
import shutil
import subprocess
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse

from deffinov.applications import workflow
from deffinov.applications.models import Application, ApplicationTransition, Document, Receipt
from deffinov.applications.receipts import receipt_html
from tests.applications.factories import WaveFactory, eligible_application, person

PARIS = ZoneInfo("Europe/Paris")


def submit_url(application):
    return reverse("applications:submit", args=[application.number])


def test_eligible_dossier_is_submitted_and_every_member_receives_the_receipt(consortium, client, run_tasks):
    application = consortium["application"]
    colleague = person(consortium["partner"].organisation, role="member")
    client.force_login(consortium["lead_admin"])
    response = client.post(submit_url(application), {"sworn": "yes"}, follow=True)
    assert "déposé" in response.content.decode()
    application.refresh_from_db()
    assert application.state == "submitted"
    assert application.submitted_by == consortium["lead_admin"]
    assert application.snapshot["budget"]["total_expenses"] == "150000.00"
    assert len(application.snapshot["members"]) == 2
    assert application.snapshot["members"][0]["documents"][0]["sha256"]
    assert application.eligibility_at_submission["eligible"] is True
    assert ApplicationTransition.objects.filter(application=application, to_state="submitted").count() == 1
    run_tasks()
    with Receipt.objects.get(application=application).file.open("rb") as file:
        assert file.read().startswith(b"%PDF")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([consortium["lead_admin"].email, consortium["partner_admin"].email, colleague.email])
    message = mail.outbox[0]
    assert message.subject == f"Accusé de réception du dossier {application.number}"
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == (f"accuse-de-reception-{application.number}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    # The lead downloads it from the dossier page.
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Télécharger l&#x27;accusé de réception" in page or "Télécharger l'accusé de réception" in page
    download = client.get(reverse("applications:receipt", args=[application.number]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_receipt_says_when_who_and_what_in_french(consortium, client):
    application = consortium["application"]
    with time_machine.travel(dt.datetime(2024, 3, 11, 23, 58, 12, tzinfo=PARIS)):
        Application.objects.filter(pk=application.pk).update(start_on=dt.date(2024, 9, 1), end_on=dt.date(2026, 2, 28))
        application.wave.opens_at = dt.datetime(2024, 1, 8, tzinfo=PARIS)
        application.wave.closes_at = dt.datetime(2024, 3, 11, 23, 59, 59, tzinfo=PARIS)
        application.wave.save()
        assert workflow.submit(application, consortium["lead_admin"])
    html = receipt_html(application)
    assert "11 mars 2024 à 23\xa0h\xa058\xa0min\xa012\xa0s" in html
    assert "Le Tiers-Lieu du Bocage" in html and "Formations du Calvados" in html
    assert "150\xa0000\xa0€" in html
    for document in Document.objects.filter(application=application):
        assert document.sha256 in html


def test_ineligible_dossier_is_refused_with_the_failing_rules(consortium, client):
    application = consortium["application"]
    Document.objects.filter(participation=consortium["partner"]).delete()
    client.force_login(consortium["lead_admin"])
    response = client.post(submit_url(application), {"sworn": "yes"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Le dossier ne peut pas être déposé" in html
    assert "Des pièces justificatives manquent" in html
    application.refresh_from_db()
    assert application.state == "draft"


def test_double_submission_gives_one_submission_and_one_set_of_receipts(consortium, client, run_tasks):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    client.post(submit_url(application), {"sworn": "yes"})
    second = client.post(submit_url(application), {"sworn": "yes"}, follow=True)
    assert "Ce dossier a déjà été déposé" in second.content.decode()
    assert ApplicationTransition.objects.filter(application=application).count() == 1
    run_tasks()
    assert Receipt.objects.count() == 1
    assert len(mail.outbox) == 2


def test_a_stale_copy_cannot_submit_twice(consortium):
    first = Application.objects.get(pk=consortium["application"].pk)
    stale = Application.objects.get(pk=consortium["application"].pk)
    assert workflow.submit(first, consortium["lead_admin"]) is True
    assert workflow.submit(stale, consortium["lead_admin"]) is False
    assert ApplicationTransition.objects.count() == 1


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_threads_submitting_at_once_submit_once():
    data = eligible_application()
    application, user = data["application"], data["lead_admin"]
    barrier = threading.Barrier(2)
    results = []

    def run():
        copy = Application.objects.get(pk=application.pk)
        barrier.wait()
        try:
            results.append(workflow.submit(copy, user))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert ApplicationTransition.objects.filter(application=application).count() == 1
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="send_receipts").count() == 1


def test_only_the_lead_admins_may_submit(consortium, client):
    application = consortium["application"]
    client.force_login(consortium["partner_admin"])
    assert client.post(submit_url(application), {"sworn": "yes"}).status_code == 403
    client.force_login(person(consortium["lead"].organisation, role="member"))
    assert client.post(submit_url(application), {"sworn": "yes"}).status_code == 403
    application.refresh_from_db()
    assert application.state == "draft"


def closing_wave(day):
    return WaveFactory(
        opens_at=dt.datetime(2024, 1, 8, tzinfo=PARIS),
        closes_at=dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=PARIS),
    )


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        (dt.datetime(2024, 3, 11, 23, 59, 59, 800000, tzinfo=PARIS), True),
        (dt.datetime(2024, 3, 12, 0, 0, 0, tzinfo=PARIS), False),
    ],
)
def test_deadline_is_the_end_of_the_closing_day_in_paris(db, client, moment, accepted):
    data = eligible_application(wave=closing_wave(dt.date(2024, 3, 11)))
    application = data["application"]
    Application.objects.filter(pk=application.pk).update(start_on=dt.date(2024, 9, 1), end_on=dt.date(2025, 12, 31))
    with time_machine.travel(moment, tick=False):
        client.force_login(data["lead_admin"])
        response = client.post(submit_url(application), {"sworn": "yes"}, follow=True)
    application.refresh_from_db()
    assert (application.state == "submitted") is accepted
    if not accepted:
        closed = "est close depuis le 11 mars 2024 à 23\xa0h\xa059 :"
        assert closed in response.content.decode()
        assert "Votre brouillon est conservé" in response.content.decode()
        assert application.title == "Espace de compétences du Bocage"


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        # Paris switches to summer time on 31 March 2024: 23:59:59 is then UTC+2.
        (dt.datetime(2024, 3, 31, 21, 59, 59, tzinfo=dt.UTC), True),
        (dt.datetime(2024, 3, 31, 22, 0, 0, tzinfo=dt.UTC), False),
    ],
)
def test_deadline_after_a_daylight_saving_change(db, moment, accepted):
    data = eligible_application(wave=closing_wave(dt.date(2024, 3, 31)))
    application = data["application"]
    Application.objects.filter(pk=application.pk).update(start_on=dt.date(2024, 9, 1), end_on=dt.date(2025, 12, 31))
    application.refresh_from_db()
    with time_machine.travel(moment, tick=False):
        if accepted:
            assert workflow.submit(application, data["lead_admin"])
        else:
            with pytest.raises(workflow.TransitionError, match="est close"):
                workflow.submit(application, data["lead_admin"])


def test_withdraw_a_submitted_dossier_after_confirmation(consortium, client):
    application = consortium["application"]
    workflow.submit(application, consortium["lead_admin"])
    client.force_login(consortium["lead_admin"])
    url = reverse("applications:withdraw", args=[application.number])
    assert "Je confirme retirer" in client.get(url).content.decode()
    client.post(url, {"motivation": "Projet reporté"})
    application.refresh_from_db()
    assert application.state == "submitted"
    client.post(url, {"confirm": "yes", "motivation": "Projet reporté"})
    application.refresh_from_db()
    assert application.state == "withdrawn"
    assert application.transitions.last().motivation == "Projet reporté"


def test_partner_cannot_withdraw(consortium, client):
    application = consortium["application"]
    workflow.submit(application, consortium["lead_admin"])
    client.force_login(consortium["partner_admin"])
    url = reverse("applications:withdraw", args=[application.number])
    assert client.post(url, {"confirm": "yes"}).status_code == 403


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_the_receipt_pdf_reads_as_a_receipt(consortium, run_tasks):
    application = consortium["application"]
    workflow.submit(application, consortium["lead_admin"])
    run_tasks()
    with Receipt.objects.get(application=application).file.open("rb") as file:
        pdf = file.read()
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert f"Accusé de réception du dossier {application.number}" in text
    assert "Formations du Calvados" in text
    assert "150 000 €" in text.replace("\xa0", " ").replace("\u202f", " ")
