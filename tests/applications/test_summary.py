"""A dossier that can no longer be edited reads as a summary; its people download it whole as a PDF."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from deffinov.applications import workflow
from deffinov.applications.dossier_pdf import dossier_html
from deffinov.applications.models import Application, Document
from deffinov.committee.documents import dossier_html as committee_dossier_html
from deffinov.formatting import file_size
from deffinov.reviews import experts
from deffinov.reviews.models import ExpertInvitation
from tests.applications.factories import OrganisationFactory, UserFactory, person


def pdf_url(application):
    return reverse("applications:dossier_pdf", args=[application.number])


@pytest.fixture
def submitted(consortium):
    Document.objects.filter(application=consortium["application"]).update(size=1_258_291)
    workflow.submit(consortium["application"], consortium["lead_admin"], sworn=True)
    consortium["application"].refresh_from_db()
    return consortium


def test_sizes_are_written_in_french_units():
    assert file_size(820) == "820\xa0octets"
    assert file_size(350 * 1024) == "350\xa0ko"
    assert file_size(1_258_291) == "1,2\xa0Mo"
    assert file_size(10 * 1024 * 1024) == "10\xa0Mo"


@pytest.mark.parametrize("state", ["submitted", "in_review", "accepted", "rejected", "dismissed", "withdrawn"])
def test_a_dossier_that_cannot_be_edited_reads_as_a_summary(submitted, client, state):
    application = submitted["application"]
    Application.objects.filter(pk=application.pk).update(state=state)
    client.force_login(submitted["partner_admin"])
    response = client.get(application.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    # No form: no field, no list of 70 EPCI, no « Enregistrer ».
    assert "<select" not in html and "<textarea" not in html and "Enregistrer" not in html
    assert '<dl class="facts">' in html
    assert "<dt>Approche pédagogique</dt><dd>Formations hybrides, accompagnées sur place.</dd>" in html
    assert "Animatrice" in html and "100\xa0000\xa0€" in html and "Total des ressources" in html
    assert "Formations du Calvados" in html
    assert "1,2\xa0Mo" in html
    assert "Attestation sur l'honneur" in html
    assert "Télécharger le dossier complet (PDF)" in html


def test_a_draft_is_still_a_form_for_its_people(consortium, client):
    client.force_login(consortium["partner_admin"])
    html = client.get(consortium["application"].get_absolute_url()).content.decode()
    assert "<textarea" in html


def test_applicants_download_the_dossier_without_what_only_the_region_sees(submitted, client):
    application = submitted["application"]
    Application.objects.filter(pk=application.pk).update(state="in_review")
    application.refresh_from_db()
    reviewer = UserFactory(instructor=True)
    invitation = ExpertInvitation.objects.create(
        application=application, email="e@exemple.fr", deadline="2030-01-01", status="accepted", user=reviewer
    )
    experts.answer(invitation, reviewer, "favourable", "Un projet exemplaire pour le Bocage.", {})
    staff_html = committee_dossier_html(application)
    assert "Un projet exemplaire pour le Bocage." in staff_html and "Fonds propres" in staff_html
    html = dossier_html(application)
    assert "Animatrice" in html and "Formations du Calvados" in html and "Fonds propres" in html
    assert "certifie sur l&#x27;honneur" in html
    assert "Un projet exemplaire pour le Bocage." not in html
    assert "Notation" not in html and "Avis d&#x27;experts" not in html
    client.force_login(submitted["partner_admin"])
    response = client.get(pdf_url(application))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="dossier-{application.number}.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True)
        text = text.stdout.decode().replace("\xa0", " ").replace("\u202f", " ")
        assert "Espace de compétences du Bocage" in text and "150 000 €" in text
        assert "Un projet exemplaire" not in text


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("outsider", 404), ("member", 200), ("lead", 200), ("instructor", 200)],
)
def test_dossier_pdf_permission_matrix(submitted, client, who, expected):
    people = {
        "anonymous": None,
        "outsider": person(OrganisationFactory()),
        "member": person(submitted["partner"].organisation, role="member"),
        "lead": submitted["lead_admin"],
        "instructor": UserFactory(instructor=True),
    }
    if people[who]:
        client.force_login(people[who])
    response = client.get(pdf_url(submitted["application"]))
    assert response.status_code == expected
    if expected == 302:
        assert "/comptes/login" in response.url
