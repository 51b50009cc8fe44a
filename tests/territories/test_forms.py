import pytest
from django import forms

from deffinov.territories.forms import CommuneField
from deffinov.territories.models import Commune

pytestmark = pytest.mark.usefixtures("territories")


class PlaceForm(forms.Form):
    commune = CommuneField(label="Commune")


def resolve(value):
    form = PlaceForm({"commune": value})
    if form.is_valid():
        return form.cleaned_data["commune"].code
    return form.errors["commune"][0]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("14118", "14118"),  # INSEE code
        ("2a004", "2A004"),  # Corsican INSEE code, any case
        ("Saint-Lô (50000) – 50502", "50502"),  # what the autocomplete fills in
        ("Saint-Lô (50000) - 50502", "50502"),  # typed with a hyphen
        ("Caen", "14118"),  # unique name
        ("  saint   lo ", "50502"),  # without accent nor hyphen
        ("vire norm", "14762"),  # unique beginning of a name
        ("Saint-Martin (65360)", "65392"),  # a shared name made precise by the postcode
        ("Saint-Martin 67220", "67426"),
        ("Vire Normandie 14500", "14762"),
        ("50100", "50129"),  # a postcode of a single commune
    ],
)
def test_what_a_person_types_resolves_to_the_commune(typed, code):
    assert resolve(typed) == code


def test_shared_name_is_ambiguous():
    assert resolve("Saint-Martin") == (
        "Plusieurs communes portent ce nom : ajoutez le code postal, par exemple « Saint-Martin 65360 », "
        "ou choisissez-la dans la liste."
    )


def test_shared_postcode_is_ambiguous():
    assert resolve("14500").startswith("Plusieurs communes ont ce code : ajoutez le nom de la commune")


@pytest.mark.parametrize("typed", ["Atlantide", "99999", "Caen (76000)", "Paris – 75056"])
def test_unknown_commune_is_refused_in_french(typed):
    assert resolve(typed) == (
        "Commune inconnue : saisissez son nom ou son code postal, puis choisissez-la dans la liste."
    )


def test_the_typed_value_is_kept_after_an_error():
    form = PlaceForm({"commune": "Saint-Martin"})

    assert not form.is_valid()
    assert 'value="Saint-Martin"' in str(form["commune"])


def test_widget_shows_the_label_loads_the_script_and_needs_no_inline_code():
    html = str(PlaceForm(initial={"commune": Commune.objects.get(code="14762")})["commune"])

    assert 'value="Vire Normandie (14500) – 14762"' in html
    assert 'data-commune-autocomplete="/api/v1/communes"' in html
    assert 'autocomplete="off"' in html
    assert '<script src="/static/js/commune-autocomplete.js" defer></script>' in html
    assert "<script>" not in html
    assert str(PlaceForm(initial={"commune": "50502"})["commune"]).count('value="Saint-Lô (50000) – 50502"') == 1


def test_lookup_page_is_public_and_works_without_javascript(client):
    response = client.get("/territoires/communes/", {"commune": "vire normandie"})

    assert response.status_code == 200
    assert '<h2 id="commune-title">Vire Normandie</h2>' in response.text
    assert "CC Intercom de la Vire au Noireau" in response.text
    assert "17\u00a0457 habitants" in response.text


def test_lookup_page_links_the_error_to_the_field(client):
    response = client.get("/territoires/communes/", {"commune": "Atlantide"})

    assert 'id="id_commune_error"><li>Commune inconnue' in response.text
    assert 'aria-describedby="id_commune_helptext id_commune_error"' in response.text
    assert 'value="Atlantide"' in response.text
