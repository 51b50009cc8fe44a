"""Before submitting: the recap of the whole dossier, what blocks it, and the attestation sur l'honneur."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from deffinov.applications.models import Application, Document, SwornStatement
from deffinov.applications.receipts import receipt_html
from tests.applications.factories import OrganisationFactory, UserFactory, person

PARIS = ZoneInfo("Europe/Paris")


def recap_url(application):
    return reverse("applications:recap", args=[application.number])


def submit_url(application):
    return reverse("applications:submit", args=[application.number])


def test_the_dossier_page_leads_to_the_recap_before_submitting(consortium, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    page = client.get(application.get_absolute_url()).content.decode()
    assert f'href="{recap_url(application)}">Déposer le dossier…' in page
    assert client.get(submit_url(application)).url == recap_url(application)


def test_the_recap_lists_what_blocks_with_links_and_disables_submitting(consortium, client):
    application = consortium["application"]
    Document.objects.filter(participation=consortium["partner"]).delete()
    Application.objects.filter(pk=application.pk).update(pooling="")
    client.force_login(consortium["lead_admin"])
    response = client.get(recap_url(application))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le dossier ne peut pas encore être déposé</strong> : 2 points à régler" in html
    assert "Des pièces justificatives manquent" in html
    assert f'href="{application.get_absolute_url()}#documents">Corriger' in html
    assert f'href="{application.get_absolute_url()}#mutualisation">Mutualisation</a>' in html
    assert 'class="button" disabled' in html
    # The whole dossier is there to read again.
    assert "Animatrice" in html and "Formations du Calvados" in html
    assert "Un espace de formation au cœur du Bocage virois." in html


def test_a_dossier_that_blocks_is_refused_server_side_even_with_the_attestation(consortium, client):
    application = consortium["application"]
    Document.objects.filter(participation=consortium["partner"]).delete()
    client.force_login(consortium["lead_admin"])
    response = client.post(submit_url(application), {"sworn": "yes"})
    assert response.status_code == 422
    assert "Des pièces justificatives manquent" in response.content.decode()
    application.refresh_from_db()
    assert application.state == "draft"
    assert not SwornStatement.objects.exists()


def test_a_section_left_empty_blocks_the_submission(consortium, client):
    application = consortium["application"]
    Application.objects.filter(pk=application.pk).update(spaces="")
    client.force_login(consortium["lead_admin"])
    response = client.post(submit_url(application), {"sworn": "yes"})
    assert response.status_code == 422
    assert "des parties du dossier sont à compléter" in response.content.decode()
    assert f'href="{application.get_absolute_url()}#espaces">Espaces et équipements</a>' in response.content.decode()
    application.refresh_from_db()
    assert application.state == "draft"


def test_submitting_without_the_attestation_is_refused_and_nothing_is_lost(consortium, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    response = client.post(submit_url(application), {})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Cochez l&#x27;attestation sur l&#x27;honneur pour déposer le dossier" in html
    assert 'class="button" disabled' not in html
    application.refresh_from_db()
    assert application.state == "draft"
    assert application.title == "Espace de compétences du Bocage"
    assert application.expenses.count() == 2 and application.documents.count() > 0
    assert not SwornStatement.objects.exists()


def test_the_attestation_is_recorded_with_the_submission_and_shown_on_the_receipt(consortium, client):
    application = consortium["application"]
    signer = consortium["lead_admin"]
    signer.first_name, signer.last_name = "Claire", "Lemoine"
    signer.save()
    client.force_login(signer)
    recap = client.get(recap_url(application)).content.decode()
    assert "Je soussigné(e), Claire Lemoine, agissant au nom du Tiers-Lieu du Bocage" in recap
    with time_machine.travel(dt.datetime(2024, 3, 11, 23, 58, 12, tzinfo=PARIS), tick=False):
        application.wave.opens_at = dt.datetime(2024, 1, 8, tzinfo=PARIS)
        application.wave.closes_at = dt.datetime(2024, 3, 11, 23, 59, 59, tzinfo=PARIS)
        application.wave.save()
        Application.objects.filter(pk=application.pk).update(start_on=dt.date(2024, 9, 1), end_on=dt.date(2026, 2, 28))
        response = client.post(submit_url(application), {"sworn": "yes"}, follow=True)
    assert f"Dossier {application.number} déposé" in response.content.decode()
    application.refresh_from_db()
    assert application.state == "submitted"
    statement = SwornStatement.objects.get(application=application)
    assert statement.signed_by == signer and statement.signer_name == "Claire Lemoine"
    assert statement.organisation_name == "Le Tiers-Lieu du Bocage"
    assert statement.signed_at == dt.datetime(2024, 3, 11, 23, 58, 12, tzinfo=PARIS)
    assert "certifie sur l'honneur l'exactitude des informations" in statement.text
    assert "a donné son accord à son dépôt" in statement.text
    assert application.snapshot["sworn_statement"]["text"] == statement.text
    assert application.snapshot["sworn_statement"]["signer"] == "Claire Lemoine"
    html = receipt_html(application)
    assert "Attestation sur l&#x27;honneur" in html or "Attestation sur l'honneur" in html
    assert "Claire Lemoine" in html
    assert "11 mars 2024 à 23\xa0h\xa058\xa0min\xa012\xa0s" in html
    assert "certifie sur l&#x27;honneur" in html


def test_the_recap_of_a_submitted_dossier_sends_back_to_the_dossier(consortium, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    client.post(submit_url(application), {"sworn": "yes"})
    response = client.get(recap_url(application))
    assert response.status_code == 302 and response.url == application.get_absolute_url()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("outsider", 404), ("member", 403), ("lead", 200), ("instructor", (403, 404))],
)
def test_recap_permission_matrix(consortium, client, who, expected):
    people = {
        "anonymous": None,
        "outsider": person(OrganisationFactory()),
        "member": consortium["partner_admin"],
        "lead": consortium["lead_admin"],
        "instructor": UserFactory(instructor=True),
    }
    if people[who]:
        client.force_login(people[who])
    application = consortium["application"]
    response = client.get(recap_url(application))
    # A draft: instructors may read it at most, never submit it.
    assert response.status_code in (expected if isinstance(expected, tuple) else (expected,))
    if expected == 302:
        assert "/comptes/login" in response.url
    post = client.post(submit_url(application), {"sworn": "yes"})
    application.refresh_from_db()
    assert (application.state == "submitted") is (who == "lead")
    if who != "lead":
        assert post.status_code == (302 if who == "anonymous" else response.status_code)
