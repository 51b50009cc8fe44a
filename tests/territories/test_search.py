"""Search and the loader against every French commune (data/communes-fr.csv)."""

import pytest

from deffinov.territories import csv_files
from deffinov.territories.models import Commune, Department
from tests.territories.conftest import load_territories
from tests.territories.test_forms import resolve

pytestmark = [pytest.mark.usefixtures("france"), pytest.mark.django_db]

NORMANDY = ["14", "27", "50", "61", "76"]


def test_every_commune_is_loaded_and_normandy_has_its_2644():
    assert Commune.objects.count() == 34_969
    assert Commune.objects.filter(department__region__name="Normandie").count() == 2_644
    assert sorted(Department.objects.filter(region__code="28").values_list("code", flat=True)) == NORMANDY


def test_loading_the_same_files_again_changes_nothing():
    output = load_territories(data_dir=csv_files.DEFAULT_DIRECTORY)

    assert "Territoires à jour : rien à changer." in output


def test_name_search_ignores_accents_and_hyphens():
    for query in ("saint lo", "Saint-Lô", "SAINT-LO", "saint lô"):
        assert Commune.objects.search(query).first().name == "Saint-Lô", query


def test_postcode_search_finds_vire_normandie_first():
    assert Commune.objects.search("14500").first().name == "Vire Normandie"
    assert Commune.objects.search("50100").first().name == "Cherbourg-en-Cotentin"


def test_autocomplete_answers_the_most_populated_communes_first(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [commune["name"] for commune in client.get("/api/v1/communes", {"q": "cae"}).json()]

    assert names[0] == "Caen"
    assert client.get("/api/v1/communes", {"q": "le havre"}).json()[0]["code"] == "76351"


def test_form_field_on_real_data():
    assert resolve("Saint-Lô") == "50502"
    assert resolve("Saint-Martin").startswith("Plusieurs communes portent ce nom")
