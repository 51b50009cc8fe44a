"""Bad figures in a report get a French message, nothing of what was typed is lost, nothing is rounded."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deffinov.reports import workflow
from deffinov.reports.content import ReportError, check_values
from deffinov.reports.models import IndicatorValue, ReportState
from tests.reports.conftest import PDF
from tests.reports.helpers import report

pytestmark = pytest.mark.django_db


def post(client, project, data):
    url = reverse("reports:edit", args=[project.number, "interim"])
    return client.post(url, {"narrative": "Récit conservé.", **data})


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("ind_apprenants__salaries", "-3", "ne peut pas être négatif"),
        ("ind_apprenants__salaries", "NaN", "en chiffres"),
        ("ind_apprenants__salaries", "Infinity", "en chiffres"),
        ("ind_apprenants__salaries", "1e6", "en chiffres"),
        ("ind_apprenants__salaries", "12000000", "vérifiez le nombre de zéros"),
        ("ind_apprenants__salaries", "une douzaine", "en chiffres"),
        ("ind_apprenants__salaries", "2,5", "nombre entier de personnes"),
        ("ind_heures_formation", "12,555", "au plus deux décimales"),
        ("ind_sessions_formation", "beaucoup", "Indiquez un nombre de sessions en chiffres"),
    ],
)
def test_a_bad_indicator_is_refused_in_french_and_the_form_keeps_what_was_typed(
    client, project, lead_admin, field, typed, message
):
    client.force_login(lead_admin)
    response = post(client, project, {field: typed, "ind_partenaires": "4", "submit": ""})
    assert response.status_code == 422
    assert message in response.text
    assert f'value="{typed}"' in response.text and 'value="4"' in response.text
    assert "Récit conservé." in response.text
    interim = report(project)
    assert interim.state == ReportState.DRAFT and interim.narrative == ""
    assert not IndicatorValue.objects.exists()


def test_a_bad_amount_spent_is_refused(client, project, lead_admin):
    line = project.application.expenses.first()
    client.force_login(lead_admin)
    response = post(client, project, {f"spent_{line.pk}": "-100", "save": ""})
    assert response.status_code == 422
    assert "Un montant ne peut pas être négatif" in response.text
    response = post(client, project, {f"spent_{line.pk}": "1 500,505", "save": ""})
    assert "au plus deux décimales" in response.text
    assert not report(project).expenses.exists()


def test_a_good_report_is_stored_exactly_as_typed(client, project, lead_admin):
    line = project.application.expenses.first()
    client.force_login(lead_admin)
    response = post(client, project, {f"spent_{line.pk}": "12 345,67 €", "ind_heures_formation": "1 234,5", "save": ""})
    assert response.status_code == 302
    interim = report(project)
    assert interim.expenses.get().spent == Decimal("12345.67")
    assert interim.values.get().value == Decimal("1234.5")
    page = client.get(reverse("reports:edit", args=[project.number, "interim"]))
    assert 'value="12345,67"' in page.text and 'value="1234,50"' in page.text


def test_a_forged_indicator_code_or_public_is_refused_by_the_domain_and_ignored_by_the_form(
    client, project, lead_admin
):
    with pytest.raises(ReportError, match="n'existe pas dans le catalogue"):
        check_values({("jours_de_soleil", ""): Decimal(3)})
    with pytest.raises(ReportError, match="n'a pas de public « retraites »"):
        check_values({("apprenants", "retraites"): Decimal(3)})
    with pytest.raises(ReportError, match="indiquez un nombre en chiffres"):
        check_values({("partenaires", ""): "quatre"})
    with pytest.raises(ReportError, match="ne peut pas être négatif"):
        check_values({("partenaires", ""): Decimal(-1)})
    with pytest.raises(ReportError, match="indiquez un nombre en chiffres"):
        check_values({("partenaires", ""): Decimal("NaN")})
    client.force_login(lead_admin)
    response = post(client, project, {"ind_jours_de_soleil": "3", "ind_apprenants__retraites": "5", "save": ""})
    assert response.status_code == 302
    assert not IndicatorValue.objects.exists()


def test_communes_served_are_communes_of_the_register(client, project, lead_admin, vire):
    client.force_login(lead_admin)
    response = post(client, project, {"communes": "Vire Normandie (14500)\nAtlantide", "save": ""})
    assert response.status_code == 422
    assert "« Atlantide » : Commune inconnue" in response.text
    response = post(client, project, {"communes": "Vire Normandie (14500)", "save": ""})
    assert response.status_code == 302
    assert list(report(project).communes.values_list("code", flat=True)) == [vire.code]


def test_attachments_are_checked_and_frozen_with_the_version(client, project, lead_admin):
    client.force_login(lead_admin)
    fake = SimpleUploadedFile("bilan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = post(client, project, {"attachment": fake, "save": ""})
    assert response.status_code == 422
    assert "pas d&#x27;un format accepté" in response.text
    good = SimpleUploadedFile("émargements.pdf", PDF, content_type="application/pdf")
    assert post(client, project, {"attachment": good, "save": ""}).status_code == 302
    interim = report(project)
    attachment = interim.attachments.get()
    assert workflow.hand_in(interim, lead_admin)
    assert list(interim.versions.get().attachments.all()) == [attachment]
    download = client.get(reverse("reports:attachment", args=[project.number, "interim", attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_huge_value_given_to_the_domain_is_refused_with_the_limit_written_the_french_way():
    with pytest.raises(ReportError, match="2\xa0000\xa0000 dépasse la limite de 1\xa0000\xa0000 structures"):
        check_values({("partenaires", ""): Decimal(2_000_000)})
