"""The calls as « dispositifs d'aide »: one row per published call, valid against the Etalab schema, and the public
« Données ouvertes » page that describes and links both files."""

import json

import pytest
from django.urls import reverse

from deffinov.formatting import euros
from deffinov.opendata.dispositifs import dispositif_id
from tests.calls.factories import CallFactory, WaveFactory
from tests.opendata.helpers import DISPOSITIF, download, errors, rows

pytestmark = pytest.mark.django_db
URL = "/api/v1/open-data/dispositif-aide.csv"


def test_each_published_call_is_one_valid_row(client):
    call = WaveFactory(call=CallFactory(departments=["14", "50"])).call
    WaveFactory(call=call)
    CallFactory(is_published=False, short_title="Appel en préparation")

    body = download(client, URL)

    assert errors(body, DISPOSITIF) == []
    [row] = rows(body)
    assert row["id"] == dispositif_id(call)
    assert row["titre"] == "Deffinov Normandie"
    assert row["eligibilite_geographique"] == "DEP-14|DEP-50"
    assert row["url_source"].endswith(call.get_absolute_url())
    assert json.loads(row["porteurs"]) == [
        {"nom": "Région Normandie", "siren": "200053403", "roles": ["financeur", "instructeur"]}
    ]
    opening = min(wave.opens_at for wave in call.waves.all())
    assert row["date_ouverture"] == opening.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_call_without_waves_nor_departements_covers_the_region(client):
    CallFactory().eligible_departments.clear()
    body = download(client, URL)
    assert errors(body, DISPOSITIF) == []
    [row] = rows(body)
    assert row["eligibilite_geographique"] == "REG-28"
    assert row["date_ouverture"] == row["date_cloture"] == ""


def test_text_cells_are_neutralised(client):
    CallFactory(short_title="=cmd|' /C calc'!A0", summary="+33 résumé", who_may_apply="-Des collectifs")
    body = download(client, URL)
    [row] = rows(body)
    assert (row["titre"], row["description"][:3]) == ("'=cmd|' /C calc'!A0", "'+3")
    assert errors(body, DISPOSITIF) == []


def test_the_validation_catches_a_broken_row(client):
    """The check above can fail: a call with no description breaks the schema."""
    call = CallFactory()
    type(call).objects.filter(pk=call.pk).update(summary="", objectives="")
    assert ("description", "constraint-error") in {(e[1], e[2]) for e in errors(download(client, URL), DISPOSITIF)}


def test_the_open_data_page_describes_each_dataset_and_is_linked_from_every_page(client):
    home = client.get("/").content.decode()
    assert f'href="{reverse("opendata:index")}"' in home

    response = client.get(reverse("opendata:index"))

    assert response.status_code == 200
    page = response.content.decode()
    for expected in (
        "Subventions attribuées",
        "SCDL « subventions » 2.1.1",
        "v0.2.0 (Etalab)",
        "Licence Ouverte 2.0",
        "En continu",
        f'href="{URL}"',
        'href="/api/v1/open-data/scdl-subventions.csv"',
        'href="/api/v1/grants"',
        euros(23_000),
    ):
        assert expected in page, expected
    assert client.post(reverse("opendata:index")).status_code == 405
