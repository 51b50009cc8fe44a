"""A commune typed beside a postcode: the postcode narrows the proposals and the choice must agree with it."""

import pytest
from django import forms

from deffinov.territories.forms import CommuneField
from tests.calls.factories import CallFactory

pytestmark = [pytest.mark.usefixtures("france"), pytest.mark.django_db]


class AddressForm(forms.Form):
    postcode = forms.CharField(label="Code postal", required=False)
    commune = CommuneField(label="Commune")


def resolve(commune, postcode=""):
    form = AddressForm({"commune": commune, "postcode": postcode})
    if form.is_valid():
        return form.cleaned_data["commune"].code
    return form.errors["commune"][0]


def names(client, **params):
    return [(c["name"], c["departement"]["code"]) for c in client.get("/api/v1/communes", params).json()]


def test_with_14500_typed_vire_proposes_vire_normandie_only(client):
    assert names(client, q="vire", code_postal="14500") == [("Vire Normandie", "14")]


def test_the_calls_departements_come_first_when_a_name_is_shared(client):
    CallFactory(departments=["14", "27", "50", "61", "76"])

    assert names(client, q="vire")[:2] == [("Vire Normandie", "14"), ("Viré", "71")]


def test_vire_with_the_postcode_14500_is_vire_normandie():
    assert resolve("Vire", "14500") == "14762"


def test_a_commune_chosen_that_does_not_have_the_postcode_is_refused_in_french():
    message = resolve("Viré (71260) – 71584", "14500")

    assert message == (
        "Viré (71) n'a pas le code postal 14500 : corrigez le code postal ou choisissez une commune qui l'a (71260)."
    )


def test_a_name_no_commune_of_the_postcode_bears_is_refused_in_french():
    assert resolve("Caen", "14500") == (
        "Aucune commune nommée « Caen » n'a le code postal 14500 : vérifiez le code postal, "
        "ou choisissez la commune dans la liste."
    )


def test_a_name_shared_outside_the_calls_departements_is_not_taken_silently():
    CallFactory(departments=["14"])

    assert resolve("Vire").startswith("Plusieurs communes portent ce nom")
    assert resolve("Vire", "71260") == "71584"
