"""The identity of a structure comes from the SIRENE register (recorded answers; the real HTTP client)."""

import httpx
import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from deffinov.organisations import sirene
from deffinov.organisations.models import IdentitySource, Organisation
from tests.organisations import sirene_stub
from tests.organisations.helpers import page_text
from tests.organisations.test_register import REGISTER, form_data

LOOKUP = reverse("organisations:sirene_lookup")
CLOSED = "55210055400062"


@pytest.fixture
def logged_in(client, outsider, vire):
    client.force_login(outsider)
    return client


def test_the_client_asks_the_register_for_the_siret(settings, sirene_register):
    settings.SIRENE_API_URL = "https://sirene.example/"
    identity = sirene.lookup("73282932000074")

    (request,) = sirene_register.requests
    assert str(request.url).startswith("https://sirene.example/search?")
    assert request.url.params["q"] == "73282932000074"
    assert identity.name == "LA FABRIQUE DU BOCAGE"
    assert identity.legal_form == "association"
    assert identity.naf_code == "94.99Z"
    assert identity.address == "12 rue du Calvados"
    assert (identity.postcode, identity.commune_code, identity.state) == ("14500", "14762", "A")
    assert identity.created_on.isoformat() == "2019-03-01"


def test_typing_the_siret_fills_the_identity_and_the_address(logged_in, sirene_register):
    response = logged_in.post(LOOKUP, {"siret": "732 829 320 00074", "name": "", "website": "x"})

    text = page_text(response)
    assert "Identité lue au répertoire SIRENE : LA FABRIQUE DU BOCAGE, établissement ouvert, code NAF 94.99Z" in text
    assertContains(response, 'value="LA FABRIQUE DU BOCAGE"')
    assertContains(response, '<option value="association" selected>Association loi 1901</option>', html=True)
    assertContains(response, 'value="2019-03-01"')
    assertContains(response, 'value="12 rue du Calvados"')
    assertContains(response, 'value="Vire Normandie (14500) – 14762"')


def test_an_incomplete_siret_asks_nothing(logged_in, sirene_register):
    response = logged_in.post(LOOKUP, {"siret": "732 829"})
    assert response.status_code == 204
    assert sirene_register.requests == []


def test_a_foreign_siret_registers_under_its_own_name_only(logged_in, sirene_register):
    logged_in.post(REGISTER, form_data(name="La Grange Numérique", legal_form="sas", created_on="2021-01-01"))

    organisation = Organisation.objects.get()
    assert organisation.name == "LA FABRIQUE DU BOCAGE"
    assert organisation.legal_form == "association"
    assert organisation.created_on.isoformat() == "2019-03-01"
    assert organisation.naf_code == "94.99Z"
    assert organisation.administrative_state == "A"
    assert organisation.identity_source == IdentitySource.SIRENE
    assert organisation.identity_checked_at is not None


def test_without_javascript_the_siret_alone_fills_the_identity(logged_in, sirene_register):
    data = form_data(name="", legal_form="", created_on="", address="", postcode="", commune="")
    response = logged_in.post(REGISTER, data, follow=True)

    organisation = Organisation.objects.get()
    assert organisation.commune_id == "14762"
    assert organisation.address == "12 rue du Calvados"
    assertContains(response, "est inscrite : vous en êtes administrateur")


@pytest.mark.parametrize("error", [httpx.ConnectError, httpx.ReadTimeout])
def test_an_unreachable_register_allows_manual_entry_marked_unverified(
    logged_in, client, instructor, monkeypatch, error
):
    monkeypatch.setattr(sirene, "TRANSPORT", sirene_stub.unreachable(error))
    lookup = logged_in.post(LOOKUP, {"siret": "73282932000074"})
    assert "Le répertoire SIRENE ne répond pas pour le moment" in page_text(lookup)

    response = logged_in.post(REGISTER, form_data(), follow=True)

    organisation = Organisation.objects.get()
    assert organisation.name == "La Fabrique du Bocage"
    assert organisation.identity_source == IdentitySource.MANUAL
    assert "l'identité saisie est marquée « non vérifiée » pour la Région" in page_text(response)
    client.force_login(instructor)
    assertContains(client.get(organisation.get_absolute_url()), "non vérifié")


def test_a_verified_identity_is_shown_to_the_region(logged_in, client, instructor, sirene_register):
    logged_in.post(REGISTER, form_data())
    organisation = Organisation.objects.get()
    client.force_login(instructor)
    response = client.get(organisation.get_absolute_url())
    assertContains(response, "Vérifiée au répertoire SIRENE le")
    assertNotContains(response, "non vérifié")


def test_a_closed_establishment_is_refused(logged_in, sirene_register):
    response = logged_in.post(REGISTER, form_data(siret=CLOSED))

    assert not Organisation.objects.exists()
    assert "Cet établissement est fermé au répertoire SIRENE" in page_text(response)
    lookup = logged_in.post(LOOKUP, {"siret": CLOSED})
    assert "Cet établissement est fermé au répertoire SIRENE" in page_text(lookup)
    assertNotContains(lookup, "ATELIER DES HAIES")


def test_a_siret_unknown_to_the_register_is_refused(logged_in, sirene_register):
    response = logged_in.post(REGISTER, form_data(siret="55210055400021"))
    assert not Organisation.objects.exists()
    assert "Ce SIRET est inconnu du répertoire SIRENE" in page_text(response)


def test_typing_a_registered_siret_offers_to_claim_it(logged_in, lead, sirene_register):
    response = logged_in.post(LOOKUP, {"siret": lead.siret})
    assertContains(response, reverse("organisations:claim_create", args=[lead.pk]))
    assert sirene_register.requests == []


def test_a_verified_identity_is_not_edited_by_hand(logged_in, sirene_register):
    logged_in.post(REGISTER, form_data())
    organisation = Organisation.objects.get()
    edit = reverse("organisations:edit", args=[organisation.pk])
    page = logged_in.get(edit)
    assert "Lu au répertoire SIRENE : il ne se modifie pas ici." in page_text(page)

    data = form_data(name="La Grange Numérique", legal_form="sas", created_on="2021-01-01", description="Nouveau.")
    del data["siret"]
    logged_in.post(edit, data)

    organisation.refresh_from_db()
    assert (organisation.name, organisation.legal_form) == ("LA FABRIQUE DU BOCAGE", "association")
    assert organisation.created_on.isoformat() == "2019-03-01"
    assert organisation.description == "Nouveau."


@pytest.mark.parametrize(
    ("register", "typed"),
    [
        ("12 RUE DU CALVADOS", "12 rue du Calvados"),
        ("3 AV DE L'EUROPE", "3 avenue de l'Europe"),
        ("LD LA HAUTE-FOLIE", "lieu-dit la Haute-Folie"),
        ("4 place Castel", "4 place Castel"),
    ],
)
def test_the_address_is_written_in_french_case(register, typed):
    assert sirene.french_case(register) == typed
