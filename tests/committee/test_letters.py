import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from deffinov.committee.decisions import record_decision
from deffinov.committee.letters import LetterNotReady, letter_html
from deffinov.committee.models import DecisionLetter
from deffinov.formatting import day
from tests.applications.factories import UserFactory, person
from tests.committee.conftest import REFERENCE, validated

pytestmark = pytest.mark.django_db


def applicant_view(application):
    return render_to_string("committee/includes/decision_for_applicants.html", {"application": application})


def test_no_letter_goes_out_before_validation_then_every_person_gets_it_in_one_batch(
    decidable, instructor, functional_admin, run_tasks, django_capture_on_commit_callbacks
):
    application, session = decidable["application"], decidable["session"]
    second_lead_person = person(decidable["lead"].organisation, email="benevole@bocage.fr")
    with django_capture_on_commit_callbacks(execute=True):
        decision = record_decision(application, instructor, "accepted", amount=Decimal(90_000), session=session)
    mail.outbox.clear()
    run_tasks()
    assert not [m for m in mail.outbox if "Décision de la Région" in m.subject]
    assert not DecisionLetter.objects.exists()
    with pytest.raises(LetterNotReady):
        letter_html(decision)
    with django_capture_on_commit_callbacks(execute=True):
        validated(session, functional_admin)
    run_tasks()
    letters = [m for m in mail.outbox if "Décision de la Région" in m.subject]
    recipients = sorted(email for m in letters for email in m.to)
    assert recipients == sorted(
        [decidable["lead_admin"].email, decidable["partner_admin"].email, second_lead_person.email]
    )
    for message in letters:
        [(name, content, mimetype)] = message.attachments
        assert name == f"decision-{application.number}.pdf" and mimetype == "application/pdf"
        assert content.startswith(b"%PDF")
        assert "90\xa0000\xa0€" in message.body
        assert REFERENCE in message.body
    letter = DecisionLetter.objects.get()
    with letter.file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF")
    run_tasks()  # nothing is sent twice
    assert len([m for m in mail.outbox if "Décision de la Région" in m.subject]) == len(letters)


def test_the_letter_is_dated_the_validation_day_cites_the_deliberation_and_is_signed_by_the_calls_signatory(
    decidable, instructor, functional_admin
):
    session = decidable["session"]
    decision = record_decision(
        decidable["application"], instructor, "accepted", amount=Decimal(90_000), session=session
    )
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    validated(session, functional_admin, on=yesterday)
    html = letter_html(decision)
    assert f"Caen, le {day(timezone.now())}" in html  # the validation day, in Paris
    assert session.date <= session.validated_at
    assert f"délibération n°&nbsp;{REFERENCE} du {day(yesterday)}" in html
    assert f"comité de sélection réuni le {day(session.date)}" in html
    assert "Claire Besnard" in html and "Vice-présidente de la Région Normandie" in html
    assert "service instructeur" not in html
    assert "Région Normandie" in html and decidable["application"].number in html
    assert "90\xa0000\xa0€" in html
    assert "Montant demandé : 100\xa0000\xa0€ ; le comité a retenu un montant inférieur à votre demande" in html
    assert "Le Tiers-Lieu du Bocage" in html


def test_the_signature_image_is_reproduced(decidable, instructor, functional_admin):
    from PIL import Image

    session = decidable["session"]
    buffer = io.BytesIO()
    Image.new("RGB", (40, 12), "navy").save(buffer, format="PNG")
    call = session.wave.call
    call.signatory_image = SimpleUploadedFile("signature.png", buffer.getvalue(), content_type="image/png")
    call.save()
    decision = record_decision(decidable["application"], instructor, "rejected", motivation="Budget.", session=session)
    validated(session, functional_admin)
    html = letter_html(decision)
    assert 'src="data:image/png;base64,' in html and 'alt="Signature de Claire Besnard"' in html


def test_the_refusal_letter_gives_the_motivation(decidable, instructor, functional_admin):
    decision = record_decision(
        decidable["application"],
        instructor,
        "rejected",
        motivation="Budget déséquilibré.",
        session=decidable["session"],
    )
    validated(decidable["session"], functional_admin)
    html = letter_html(decision)
    assert "n'a pas retenu votre projet" in html
    assert "Budget déséquilibré." in html


def test_applicants_see_the_decision_and_its_letter_only_once_validated(
    client, decidable, instructor, functional_admin, run_tasks, django_capture_on_commit_callbacks
):
    application, session = decidable["application"], decidable["session"]
    url = reverse("committee:letter", args=[application.number])
    with django_capture_on_commit_callbacks(execute=True):
        record_decision(application, instructor, "accepted", amount=Decimal(90_000), session=session)
    run_tasks()
    application.refresh_from_db()
    assert applicant_view(application).strip() == ""
    client.force_login(decidable["partner_admin"])
    assert client.get(url).status_code == 404
    page = client.get(reverse("applications:detail", args=[application.number])).text
    assert "Accepté" not in page and "90\xa0000\xa0€" not in page
    with django_capture_on_commit_callbacks(execute=True):
        validated(session, functional_admin)
    application.refresh_from_db()
    assert application.state == "accepted"
    html = applicant_view(application)
    assert "La lettre de décision est en cours de préparation" in html
    run_tasks()
    html = applicant_view(application)
    assert "Votre projet est retenu : la Région vous accorde une subvention de 90\xa0000\xa0€" in html
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_nothing_shows_to_applicants_before_the_decision(decidable):
    assert applicant_view(decidable["application"]).strip() == ""
