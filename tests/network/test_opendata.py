"""The places as « lieux de médiation numérique » 1.0.2: the export validated by frictionless against the
official schema, and `import_places` (dry run, wet run, idempotent, row-by-row French errors)."""

import csv
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from frictionless import Resource, Schema

from deffinov.network.models import Place
from deffinov.network.opendata import COLUMNS, SCHEMA_PATH
from deffinov.organisations.models import Claim, Organisation
from tests.accounts.factories import UserFactory
from tests.network.factories import PlaceFactory
from tests.organisations.factories import OrganisationFactory, siret

EXAMPLE = SCHEMA_PATH.parent / "lieux-mediation-numerique-exemple-valide.csv"


def schema_errors(body, format):
    schema = Schema.from_descriptor(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    report = Resource(body, format=format, encoding="utf-8", schema=schema).validate()
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def exported(lead, communes):
    PlaceFactory(
        organisation=lead,
        name="=Lieu, « entre guillemets »",
        commune=communes["caen"],
        postcode="14000",
        latitude=49.18,
        longitude=-0.37,
        phone="+33231000000",
        emails="a@exemple.fr|b@exemple.fr",
        publics=["Jeunes", "Seniors"],
        fees=["Gratuit"],
        access=["Se présenter", "Téléphoner"],
        support_modes=["En autonomie"],
        summary="Un lieu pour apprendre.",
        acceslibre_url="https://acceslibre.beta.gouv.fr/app/14-caen/a/x/erp/y/",
        with_visio=True,
    )
    PlaceFactory(organisation=lead, opening_hours="", services=[], kinds=[])
    PlaceFactory(organisation=lead, name="Pas publié", unpublished=True)


def test_the_csv_export_is_valid_against_the_official_schema(client, exported):
    body = download(client, "/api/v1/open-data/lieux-mediation-numerique.csv")
    assert schema_errors(body, "csv") == []
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 2  # the unpublished place is not exported
    first = rows[0]
    assert first["nom"] == "'=Lieu, « entre guillemets »"  # a spreadsheet never runs it
    assert first["code_insee"] == "14118"
    assert first["pivot"] == Organisation.objects.get(name="La Fabrique du Bocage").siret
    assert first["horaires"] == "Mo-Fr 09:00-12:00,14:00-18:30; Sa 09:00-12:00; PH off"
    assert first["services"] == "Maîtrise des outils numériques du quotidien"
    assert first["telephone"] == "+33231000000"


def test_the_json_export_is_valid_against_the_official_schema(client, exported):
    body = download(client, "/api/v1/open-data/lieux-mediation-numerique.json")
    assert schema_errors(body, "json") == []
    records = json.loads(body)
    assert len(records) == 2
    assert records[0]["latitude"] == 49.18 and records[0]["typologie"] == "TIERS_LIEUX"


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_places", path, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def example(tmp_path, communes):
    """The standard's own example, moved to Vire Normandie (a commune the tests know) with a real SIRET."""
    rows = list(csv.DictReader(io.StringIO(EXAMPLE.read_text(encoding="utf-8"))))
    row = rows[0]
    row.update(
        pivot=siret(),
        commune="Vire Normandie",
        code_postal="14500",
        code_insee="14762",
        latitude="48.84",
        longitude="-0.89",
    )
    return row


def as_csv(rows, columns=COLUMNS):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def test_the_standards_example_file_is_valid():
    assert schema_errors(EXAMPLE.read_bytes(), "csv") == []


def test_a_dry_run_saves_nothing(tmp_path, example):
    out, err = run(write(tmp_path, "lieux.csv", as_csv([example])))
    assert "Simulation : 1 lieu(x) créé(s)" in out and "relancez avec --wet-run" in out
    assert err == ""
    assert not Place.objects.exists() and not Organisation.objects.exists()


def test_a_wet_run_imports_links_to_a_new_unclaimed_structure_and_is_idempotent(tmp_path, example):
    path = write(tmp_path, "lieux.csv", as_csv([example]))
    out, _ = run(path, "--wet-run")
    assert "1 lieu(x) créé(s)" in out and "1 structure(s) créée(s) sans administrateur" in out
    place = Place.objects.get()
    assert place.identifier == "structure-1" and place.published
    assert place.services == ["outils", "insertion", "loisirs"]
    assert place.organisation.siret == example["pivot"] and not place.organisation.memberships.exists()
    assert place.kinds == ["TIERS_LIEUX", "ASSO"]
    # Its owners can claim the structure the import created.
    claim = Claim.request(place.organisation, UserFactory(), "Je dirige cette association.")
    assert claim.is_open

    out, _ = run(path, "--wet-run")
    assert "0 lieu(x) créé(s), 0 mis à jour, 1 inchangé(s)" in out
    assert Place.objects.count() == 1 and Organisation.objects.count() == 1


def test_a_place_is_found_by_its_structures_siret_when_its_id_is_new(tmp_path, example):
    organisation = OrganisationFactory(siret=example["pivot"])
    existing = PlaceFactory(organisation=organisation, name=example["nom"], identifier="ancien-id")
    out, _ = run(write(tmp_path, "lieux.csv", as_csv([{**example, "horaires": "Mo 10:00-12:00"}])), "--wet-run")
    assert "1 mis à jour" in out
    existing.refresh_from_db()
    assert existing.opening_hours == "Mo 10:00-12:00"
    assert Place.objects.count() == 1 and Organisation.objects.count() == 1


def test_the_export_reads_back_unchanged(client, tmp_path, exported):
    body = download(client, "/api/v1/open-data/lieux-mediation-numerique.json")
    out, err = run(write(tmp_path, "lieux.json", body), "--wet-run")
    assert err == ""
    assert "0 lieu(x) créé(s), 0 mis à jour, 2 inchangé(s)" in out


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"latitude": "abc"}, "latitude « abc » n'est pas un nombre"),
        ({"latitude": "-0.89", "longitude": "48.84"}, "les coordonnées (-0.89, 48.84) sont à 7290 km de Vire"),
        ({"longitude": "200"}, "longitude « 200 » doit être comprise entre -180 et 180"),
        ({"horaires": "Lu-Ve 9h-12h"}, "horaires : « Lu-Ve 9h-12h »"),
        ({"code_insee": "99999"}, "code_insee « 99999 » : aucune commune"),
        ({"pivot": "12345678901234"}, "pivot « 12345678901234 » n'est pas un SIRET valide"),
        ({"services": "Cuisine"}, "services : valeur inconnue du standard « Cuisine »"),
        ({"date_maj": "hier"}, "date_maj « hier »"),
        ({"nom": ""}, "nom est obligatoire"),
    ],
)
def test_bad_rows_are_refused_one_by_one_naming_the_row_and_the_column(tmp_path, example, changes, message):
    good = {**example, "id": "bon"}
    bad = {**example, "id": "mauvais", "nom": "Autre lieu", **changes}
    out, err = run(write(tmp_path, "lieux.csv", as_csv([good, bad])), "--wet-run")
    assert f"Ligne 3 : {message}" in err
    assert "1 lieu(x) créé(s)" in out and "1 ligne(s) refusée(s)" in out
    assert list(Place.objects.values_list("identifier", flat=True)) == ["bon"]


def test_a_refused_row_leaves_no_half_created_structure(tmp_path, example):
    run(write(tmp_path, "lieux.csv", as_csv([{**example, "horaires": "Mo 25:00-26:00"}])), "--wet-run")
    assert not Organisation.objects.exists()


def test_a_file_not_in_utf8_is_refused_whole(tmp_path, example):
    with pytest.raises(CommandError, match="n'est pas encodé en UTF-8"):
        run(write(tmp_path, "lieux.csv", as_csv([{**example, "nom": "Médiathèque"}]).encode("latin-1")))


def test_a_file_with_wrong_columns_is_refused_whole(tmp_path, example):
    columns = [column for column in COLUMNS if column != "pivot"] + ["siret"]
    expected = "colonnes obligatoires absentes : pivot ; colonnes inconnues du standard : siret"
    with pytest.raises(CommandError, match=expected):
        run(write(tmp_path, "lieux.csv", as_csv([{**example, "siret": "1"}], columns)))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lieux.json", "{pas du json", "Le JSON est mal formé"),
        ("lieux.json", '{"id": "x"}', "Le JSON doit être une liste d'objets"),
        ("lieux.xlsx", "x", "doit être un CSV (.csv) ou un JSON (.json)"),
    ],
)
def test_unreadable_files_get_a_french_error(tmp_path, name, content, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run(write(tmp_path, name, content))
