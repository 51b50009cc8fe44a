from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError

from deffinov.organisations.models import Organisation
from deffinov.territories.models import EPCI, Commune, Department, Region
from tests.territories.conftest import DATA, load_territories

pytestmark = pytest.mark.django_db


def test_dry_run_by_default_tells_what_it_would_do_and_writes_nothing():
    output = load_territories(wet_run=False)

    assert "Communes : 10 à créer, 0 à modifier." in output
    assert "Simulation : rien n'a été enregistré" in output
    assert Commune.objects.count() == Region.objects.count() == 0


def test_wet_run_loads_every_level_with_postcodes_epci_and_coordinates():
    output = load_territories()

    assert "Communes : 10 création(s), 0 modification(s)." in output
    assert Region.objects.count() == 4
    assert Department.objects.get(code="14").region.name == "Normandie"
    assert EPCI.objects.get(siren="200068799").name == "CC Intercom de la Vire au Noireau"
    vire = Commune.objects.get(code="14762")
    assert (vire.name, vire.search_name, vire.postcodes, vire.population) == (
        "Vire Normandie",
        "vire normandie",
        "14500",
        17457,
    )
    assert vire.epci_id == "200068799"
    assert (vire.latitude, vire.longitude) == (Decimal("48.83805"), Decimal("-0.88876"))
    assert Commune.objects.get(code="50502").search_name == "saint lo"
    cherbourg = Commune.objects.get(code="50129")
    assert cherbourg.postcode_list == ["50100", "50110", "50120", "50130", "50460", "50470"]
    aurseulles = Commune.objects.get(code="14581")
    assert aurseulles.postcodes == "14240 14250"
    assert aurseulles.latitude is None and aurseulles.longitude is None


def test_second_run_changes_nothing_and_only_reads(django_assert_max_num_queries):
    load_territories()

    with django_assert_max_num_queries(6):
        output = load_territories()

    assert "Territoires à jour : rien à changer." in output
    assert Commune.objects.count() == 10


def test_changed_rows_are_updated_and_search_name_recomputed():
    load_territories()
    Commune.objects.filter(code="50502").update(name="Saint-Lo", search_name="x", population=1, postcodes="50999")
    EPCI.objects.filter(siren="200068799").update(name="Ancien nom")

    output = load_territories()

    assert "Communes : 0 création(s), 1 modification(s)." in output
    assert "EPCI : 0 création(s), 1 modification(s)." in output
    saint_lo = Commune.objects.get(code="50502")
    assert (saint_lo.name, saint_lo.search_name, saint_lo.population, saint_lo.postcodes) == (
        "Saint-Lô",
        "saint lo",
        19471,
        "50000",
    )
    assert EPCI.objects.get(siren="200068799").name == "CC Intercom de la Vire au Noireau"


def test_communes_gone_from_the_files_are_deleted_unless_something_refers_to_them():
    load_territories()
    calvados = Department.objects.get(code="14")
    merged = Commune.objects.create(code="14999", name="Ancienne commune", department=calvados)
    used = Commune.objects.create(code="14998", name="Commune déléguée", department=calvados)
    Organisation.objects.create(siret="73282932000074", name="Tiers-lieu", commune=used, created_on=date(2020, 1, 1))

    output = load_territories()

    assert "1 suppression(s)" in output
    assert "conservée(s) : 14998" in output
    assert not Commune.objects.filter(pk=merged.pk).exists()
    assert Commune.objects.filter(pk=used.pk).exists()


def test_keep_missing_deletes_nothing():
    load_territories()
    Commune.objects.create(code="14999", name="Ancienne commune", department_id="14")

    load_territories(keep_missing=True)

    assert Commune.objects.filter(pk="14999").exists()


def test_missing_file_or_column_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        load_territories(data_dir=tmp_path)

    for name in ("regions-fr.csv", "departements-fr.csv"):
        (tmp_path / name).write_text((DATA / name).read_text())
    (tmp_path / "communes-fr.csv").write_text("code_insee,nom\n14118,Caen\n")
    with pytest.raises(CommandError, match=r"Colonnes absentes de communes-fr\.csv : codes_postaux, departement"):
        load_territories(data_dir=tmp_path)
    assert Commune.objects.count() == 0
