"""A place's public page, and its structure's administrators managing their places: each person gets exactly
what they should (404 for outsiders, 403 for the structure's other members)."""

import datetime as dt

import pytest
import time_machine

from deffinov.network.hours import PARIS
from deffinov.network.models import Place
from tests.accounts.factories import UserFactory
from tests.grants.helpers import funded_project
from tests.network.factories import PlaceFactory

MONDAY_10 = dt.datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)


@pytest.fixture
def place(lead):
    return PlaceFactory(organisation=lead, name="La Fabrique, atelier numérique", with_visio=True, pmr_access=True)


def test_the_public_page_shows_hours_in_french_how_to_come_and_the_structure(client, place):
    with time_machine.travel(MONDAY_10, tick=False):
        html = client.get(place.get_absolute_url()).content.decode()
    assert "Ouvert maintenant, ferme à 12\u00a0h" in html
    assert "Du lundi au vendredi de 9\u00a0h à 12\u00a0h et de 14\u00a0h à 18\u00a0h\u00a030" in html
    assert "12 rue du Calvados, 14500 Vire Normandie" in html
    assert "Salle de visioconférence" in html and "Accessible aux personnes à mobilité réduite" in html
    assert "La Fabrique du Bocage" in html
    assert "Projet soutenu" not in html


def test_the_page_of_a_funded_project_place_links_to_the_supported_projects(client, db):
    project, _data = funded_project(UserFactory(instructor=True), UserFactory(functional_admin=True))
    lead = project.application.lead.organisation
    place = PlaceFactory(organisation=lead, unpublished=True)
    html = client.get(place.get_absolute_url()).content.decode()
    # The places of funded projects are published even without the structure's opt-in.
    assert project.title in html
    assert 'href="/projets-soutenus/"' in html


def test_unreadable_hours_are_shown_as_typed_never_a_server_error(client, place):
    Place.objects.filter(pk=place.pk).update(opening_hours="le mardi matin")
    response = client.get(place.get_absolute_url())
    assert response.status_code == 200
    assert "le mardi matin" in response.content.decode()


def test_an_unpublished_place_is_seen_only_by_its_structure(client, lead, lead_member, outsider):
    place = PlaceFactory(organisation=lead, unpublished=True)
    assert client.get(place.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(place.get_absolute_url()).status_code == 404
    client.force_login(lead_member)
    response = client.get(place.get_absolute_url())
    assert response.status_code == 200
    assert "Ce lieu n'est pas publié" in response.content.decode()
    assert client.get("/api/v1/places").json()["count"] == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("outsider", 404), ("member", 403), ("admin", 200)],
)
def test_only_the_structures_administrators_manage_its_places(
    client, place, lead_admin, lead_member, outsider, who, status
):
    users = {"outsider": outsider, "member": lead_member, "admin": lead_admin}
    if who in users:
        client.force_login(users[who])
    for url in (
        f"/lieux/structures/{place.organisation_id}/",
        f"/lieux/structures/{place.organisation_id}/nouveau/",
        f"/lieux/{place.pk}/modifier/",
    ):
        assert client.get(url).status_code == status, url
    response = client.post(f"/lieux/{place.pk}/modifier/", {"name": "Renommé"})
    assert response.status_code == (200 if who == "admin" else status)
    place.refresh_from_db()
    assert place.name == "La Fabrique, atelier numérique"  # incomplete form for the admin: nothing saved


def form_data(**changes):
    data = {
        "name": "Le Labo de Vire",
        "kinds": ["TIERS_LIEUX", "EPN"],
        "address": "3 place du Château",
        "postcode": "14500",
        "commune": "14762",
        "latitude": "48,8391",
        "longitude": "-0,8880",
        "opening_hours": "Tu-Sa 10:00-18:00",
        "services": ["outils", "demarches"],
        "access": ["Se présenter"],
        "computers": "6",
        "visio_room": "on",
        "phone": "+33231000000",
        "emails": "contact@labo-vire.fr",
        "published": "on",
    }
    data.update(changes)
    return data


def test_an_administrator_adds_a_place_and_publishes_it(client, lead, lead_admin):
    client.force_login(lead_admin)
    response = client.post(f"/lieux/structures/{lead.pk}/nouveau/", form_data())
    assert response.status_code == 302
    place = lead.places.get()
    assert (place.latitude, place.longitude) == (48.8391, -0.888)
    assert place.kinds == ["TIERS_LIEUX", "EPN"] and place.published
    payload = client.get("/api/v1/places", {"commune": "14762", "radius_km": 5}).json()
    assert [result["name"] for result in payload["results"]] == ["Le Labo de Vire"]


def test_without_coordinates_the_place_takes_its_communes_centre(client, lead, lead_admin):
    client.force_login(lead_admin)
    client.post(f"/lieux/structures/{lead.pk}/nouveau/", form_data(latitude="", longitude=""))
    place = lead.places.get()
    assert (place.latitude, place.longitude) == (48.8385, -0.8893)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"opening_hours": "Lu-Ve 9h-18h"}, "n&#x27;est pas un jour reconnu"),
        ({"latitude": "248,1"}, "Indiquez une latitude entre -90 et 90"),
        ({"longitude": "abc"}, "Indiquez une longitude entre -180 et 180"),
        ({"commune": "Atlantide"}, "Commune inconnue"),
        ({"phone": "02 31 00 00 00"}, "format international"),
        ({"emails": "contact@labo-vire.fr|pas-une-adresse"}, "« pas-une-adresse » n&#x27;est pas une adresse"),
    ],
)
def test_bad_input_gets_a_french_message_and_nothing_typed_is_lost(client, lead, lead_admin, changes, message):
    client.force_login(lead_admin)
    response = client.post(f"/lieux/structures/{lead.pk}/nouveau/", form_data(**changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Le Labo de Vire"' in html and 'value="3 place du Château"' in html
    assert not lead.places.exists()


def test_the_structure_page_leads_its_administrators_to_the_places(client, lead, lead_admin, lead_member):
    client.force_login(lead_admin)
    assert f"/lieux/structures/{lead.pk}/" in client.get(lead.get_absolute_url()).content.decode()
    client.force_login(lead_member)
    assert f"/lieux/structures/{lead.pk}/" not in client.get(lead.get_absolute_url()).content.decode()
