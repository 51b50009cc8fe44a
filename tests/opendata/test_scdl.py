"""The grants file in SCDL « subventions » 2.1.1: valid against the official schema, one row per beneficiary, only
countersigned conventions from the décret's threshold, and no cell a spreadsheet would run."""

from decimal import Decimal

import pytest
from django.core.checks import run_checks
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deffinov.applications.models import Participation
from deffinov.opendata.dispositifs import dispositif_id
from tests.grants.helpers import funded_project
from tests.opendata.helpers import SCDL, countersigned, download, errors, rows, siret_errors

pytestmark = pytest.mark.django_db
URL = "/api/v1/open-data/scdl-subventions.csv"


@pytest.fixture
def granted(instructor, functional_admin):
    """A grant of 90 000 € to a collectif of two (60 % / 40 %), its convention countersigned today."""
    return countersigned(instructor, functional_admin)


def test_the_file_is_valid_against_the_official_schema_with_one_row_per_beneficiary(client, granted):
    project, _data = granted
    body = download(client, URL)

    assert errors(body, SCDL) == []
    assert siret_errors(body) == []
    found = rows(body)
    assert [row["nomBeneficiaire"] for row in found] == [
        p.organisation.name
        for p in project.application.participations.order_by("-is_lead", "-role", "organisation__name")
    ]
    for row in found:
        assert row["montant"] == "90000.00"
        assert row["dateConvention"] == project.convention_date.isoformat()
        assert row["conditionsVersement"] == "échelonné"
        assert row["datesPeriodeVersement"] == f"{project.convention_date.isoformat()}/{project.ends_on.isoformat()}"
        assert row["idAttribuant"] == "20005340300016"
        assert row["nomAttribuant"] == "Région Normandie"
        assert row["objet"] == project.title
        assert row["notificationUE"] == "non"
        assert row["dispositifAide"] == dispositif_id(project.call)
    assert url_in_api_index(client)


def url_in_api_index(client):
    paths = {endpoint["path"] for endpoint in client.get("/api/v1/").json()["endpoints"]}
    return URL in paths


def test_the_shares_of_the_beneficiaries_add_up_to_the_whole_grant(client, granted):
    project, _data = granted
    found = rows(download(client, URL))

    shares = {row["idBeneficiaire"]: Decimal(row["pourcentageSubvention"]) for row in found}
    assert sorted(shares.values()) == [Decimal("0.4"), Decimal("0.6")]
    assert sum(Decimal(row["montant"]) * Decimal(row["pourcentageSubvention"]) for row in found) == Decimal("90000")
    lead = project.application.participations.get(is_lead=True)
    assert shares[lead.organisation.siret] == Decimal("0.6")


def test_a_lead_paid_alone_receives_the_whole_grant(client, granted):
    project, _data = granted
    project.application.participations.update(grant_share=0)

    found = rows(download(client, URL))

    assert [(row["nomBeneficiaire"], row["pourcentageSubvention"]) for row in found] == [
        (project.application.participations.get(is_lead=True).organisation.name, "1")
    ]


def test_grants_under_the_threshold_and_conventions_not_countersigned_are_not_published(
    client, instructor, functional_admin
):
    countersigned(instructor, functional_admin, amount=Decimal("22999"))
    at_threshold, _ = countersigned(instructor, functional_admin, amount=Decimal("23000"))
    unsigned, _ = funded_project(instructor, functional_admin, amount=Decimal("80000"))

    found = rows(download(client, URL))

    assert {row["objet"] for row in found} == {at_threshold.title}
    assert {row["montant"] for row in found} == {"23000.00"}
    assert unsigned.convention_date is None


def test_the_threshold_is_a_setting(client, granted, settings):
    settings.OPEN_DATA_GRANT_THRESHOLD = 100_000
    assert rows(download(client, URL)) == []


def test_cells_that_a_spreadsheet_would_run_are_neutralised(client, granted):
    project, _data = granted
    application = project.application
    application.title = '=HYPERLINK("http://evil.example";"Cliquez")'
    application.save(update_fields=["title"])
    lead = Participation.objects.get(application=application, is_lead=True).organisation
    lead.name = "@SUM(1+1)*cmd|' /C calc'!A0"
    lead.save(update_fields=["name"])

    body = download(client, URL)
    found = rows(body)

    assert {row["objet"] for row in found} == {'\'=HYPERLINK("http://evil.example";"Cliquez")'}
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in {row["nomBeneficiaire"] for row in found}
    assert errors(body, SCDL) == []


def test_the_validation_catches_a_wrong_siret(client, granted, settings):
    """The check above can fail: a grantor SIRET of the wrong shape breaks the schema, a wrong key our check."""
    settings.REGION_SIRET = "2000534030001"
    assert ("idAttribuant", "constraint-error") in {(e[1], e[2]) for e in errors(download(client, URL), SCDL)}
    settings.REGION_SIRET = "20005340300017"
    assert siret_errors(download(client, URL))


def test_the_file_is_read_by_chunks_in_a_constant_number_of_queries(client, granted, instructor, functional_admin):
    with CaptureQueriesContext(connection) as one:
        download(client, URL)
    countersigned(instructor, functional_admin)
    with CaptureQueriesContext(connection) as two:
        body = download(client, URL)
    assert len(rows(body)) == 4
    assert len(two) == len(one)


def test_the_download_link_is_on_the_open_data_page(client):
    page = client.get(reverse("opendata:index")).content.decode()
    assert f'href="{URL}"' in page
    assert "Licence Ouverte 2.0" in page


def test_a_wrong_region_siret_stops_the_platform_at_start_up(settings):
    assert not [error for error in run_checks() if error.id == "deffinov.opendata.E001"]
    settings.REGION_SIRET = "20005340300017"
    assert [error.id for error in run_checks() if error.id.startswith("deffinov.opendata")] == [
        "deffinov.opendata.E001"
    ]
