from decimal import Decimal

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse

from deffinov.committee.decisions import record_decision
from deffinov.committee.letters import letter_html
from deffinov.committee.models import DecisionLetter
from tests.applications.factories import UserFactory, person

pytestmark = pytest.mark.django_db


def test_every_person_of_every_member_gets_the_letter_with_the_pdf(
    decidable, instructor, run_tasks, django_capture_on_commit_callbacks
):
    application = decidable["application"]
    second_lead_person = person(decidable["lead"].organisation, email="benevole@bocage.fr")
    with django_capture_on_commit_callbacks(execute=True):
        record_decision(application, instructor, "accepted", amount=Decimal(90_000), session=decidable["session"])
    mail.outbox.clear()
    run_tasks()
    letters = [m for m in mail.outbox if "Décision du comité" in m.subject]
    recipients = sorted(email for m in letters for email in m.to)
    assert recipients == sorted(
        [decidable["lead_admin"].email, decidable["partner_admin"].email, second_lead_person.email]
    )
    for message in letters:
        [(name, content, mimetype)] = message.attachments
        assert name == f"decision-{application.number}.pdf" and mimetype == "application/pdf"
        assert content.startswith(b"%PDF")
        assert "90\xa0000\xa0€" in message.body
    letter = DecisionLetter.objects.get()
    with letter.file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF")
    run_tasks()  # nothing is sent twice
    assert len([m for m in mail.outbox if "Décision du comité" in m.subject]) == len(letters)


def test_the_acceptance_letter_says_the_amount_the_french_way_on_the_letterhead(decidable, instructor):
    decision = record_decision(decidable["application"], instructor, "accepted", amount=Decimal(90_000))
    html = letter_html(decision)
    assert "Région Normandie" in html
    assert decidable["application"].number in html
    assert "90\xa0000\xa0€" in html
    assert "Montant demandé : 100\xa0000\xa0€ ; le comité a retenu un montant inférieur à votre demande" in html
    assert "Le Tiers-Lieu du Bocage" in html


def test_the_refusal_letter_gives_the_motivation(decidable, instructor):
    decision = record_decision(decidable["application"], instructor, "rejected", motivation="Budget déséquilibré.")
    html = letter_html(decision)
    assert "n'a pas retenu votre projet" in html
    assert "Budget déséquilibré." in html


def test_the_consortium_sees_the_decision_and_downloads_the_letter(
    client, decidable, instructor, run_tasks, django_capture_on_commit_callbacks
):
    application = decidable["application"]
    with django_capture_on_commit_callbacks(execute=True):
        record_decision(application, instructor, "accepted", amount=Decimal(90_000))
    html = render_to_string("committee/includes/decision_for_applicants.html", {"application": application})
    assert "La lettre de décision est en cours de préparation" in html
    run_tasks()
    html = render_to_string("committee/includes/decision_for_applicants.html", {"application": application})
    assert "Votre projet est retenu : la Région vous accorde une subvention de 90\xa0000\xa0€" in html
    assert reverse("committee:letter", args=[application.number]) in html
    url = reverse("committee:letter", args=[application.number])
    client.force_login(decidable["partner_admin"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_nothing_shows_to_applicants_before_the_decision(decidable):
    html = render_to_string(
        "committee/includes/decision_for_applicants.html", {"application": decidable["application"]}
    )
    assert html.strip() == ""
