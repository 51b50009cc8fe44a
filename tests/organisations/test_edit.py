from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.organisations.factories import OrganisationFactory, caen
from tests.organisations.helpers import page_text
from tests.organisations.test_register import form_data


@pytest.fixture
def edit_url(organisation):
    return reverse("organisations:edit", args=[organisation.pk])


def test_the_edit_page_shows_the_siret_but_not_as_a_field(client, admin, organisation, edit_url):
    client.force_login(admin)
    response = client.get(edit_url)
    assert f"SIRET {organisation.siret} : il identifie la structure et ne peut pas être modifié." in page_text(response)
    assertContains(response, 'name="siret"', count=0)
    assertContains(response, 'value="Vire Normandie (14500) – 14762"')
    assertContains(response, 'value="tiers_lieu" id="id_kinds_0" checked')


def test_an_admin_updates_the_structure_but_never_its_siret(client, admin, organisation, edit_url):
    client.force_login(admin)
    siret = organisation.siret
    data = form_data(siret="73282932000074", name="La Fabrique du Bocage – Vire", description="Nouvelle salle.")

    response = client.post(edit_url, data, follow=True)

    assertContains(response, "La fiche de la structure est enregistrée.")
    organisation.refresh_from_db()
    assert (organisation.name, organisation.siret, organisation.description) == (
        "La Fabrique du Bocage – Vire",
        siret,
        "Nouvelle salle.",
    )


def test_moving_to_another_commune_moves_the_default_coordinates(client, admin, organisation, edit_url):
    caen()
    client.force_login(admin)
    assert organisation.latitude == Decimal("48.83850")

    client.post(edit_url, form_data(commune="14118", postcode="14000", latitude="48,83850", longitude="-0,88930"))

    organisation.refresh_from_db()
    assert (organisation.latitude, organisation.longitude) == (Decimal("49.18290"), Decimal("-0.37060"))


def test_coordinates_typed_by_hand_are_kept_on_a_move(client, admin, organisation, edit_url):
    caen()
    client.force_login(admin)
    client.post(edit_url, form_data(commune="14118", postcode="14000", latitude="49,2", longitude="-0,4"))
    organisation.refresh_from_db()
    assert (organisation.latitude, organisation.longitude) == (Decimal("49.20000"), Decimal("-0.40000"))


def test_an_invalid_edit_keeps_what_was_typed(client, admin, organisation, edit_url):
    client.force_login(admin)
    response = client.post(edit_url, form_data(name="Nouveau nom", postcode="145"))
    assertContains(response, "Un code postal compte 5 chiffres. Exemple : 14500.")
    assertContains(response, 'value="Nouveau nom"')
    organisation.refresh_from_db()
    assert organisation.name == "La Fabrique du Bocage"


def test_the_factory_builds_a_valid_organisme_de_formation(db):
    organisation = OrganisationFactory(organisme_formation=True)
    organisation.full_clean()
    assert organisation.nda == "28140123414"
