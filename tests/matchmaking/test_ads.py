"""Posting, editing, pausing and closing an ad; bad input answered in French with nothing lost; who may do what."""

from html import unescape

import pytest
from django.urls import reverse

from deffinov.audit.models import AuditEvent
from deffinov.matchmaking.models import Ad, AdStatus
from tests.accounts.factories import UserFactory
from tests.matchmaking.factories import AdFactory

VALID = {
    "title": "Tiers-lieu cherche un organisme de formation",
    "sought_kinds": ["organisme_formation", "cfa"],
    "seeks": ["formateurs"],
    "offers": ["locaux", "equipements"],
    "domains": ["32"],
    "commune": "Vire Normandie (14500) – 14762",
    "radius_km": "30",
    "description": "Une salle de visioconférence de douze places.",
}


def test_an_administrator_posts_an_ad_around_the_commune_of_the_structure(client, lead, lead_admin, communes):
    client.force_login(lead_admin)
    form = unescape(client.get(reverse("matchmaking:ad_create")).content.decode())
    assert "Vire Normandie (14500) – 14762" in form  # the structure's commune by default
    response = client.post(reverse("matchmaking:ad_create"), {**VALID, "commune": "Caen", "radius_km": "45 km"})
    ad = Ad.objects.get()
    assert response.status_code == 302 and response["Location"] == ad.get_absolute_url()
    assert (ad.organisation, ad.commune_id, ad.radius_km, ad.status) == (lead, "14118", 45, AdStatus.PUBLISHED)
    assert (ad.latitude, ad.longitude) == (49.1829, -0.3706)
    page = unescape(client.get(ad.get_absolute_url()).content.decode())
    assert "Communication et information" in page and "dans un rayon de 45\u00a0km" in page
    assert AuditEvent.objects.filter(action="matchmaking.ad.created").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("commune", "Atlantide", "Commune inconnue"),
        ("radius_km", "0", "de 1 à 200"),
        ("radius_km", "-5", "de 1 à 200"),
        ("radius_km", "201", "de 1 à 200"),
        ("radius_km", "1e9", "de 1 à 200"),
        ("radius_km", "NaN", "de 1 à 200"),
        ("sought_kinds", ["pirate"], "Sélectionnez un choix valide"),
        ("domains", ["99"], "Sélectionnez un choix valide"),
        ("offers", ["<script>"], "Sélectionnez un choix valide"),
        ("description", "x" * 2001, "au plus 2000 caractères"),
        ("title", "t" * 121, "au plus 120 caractères"),
    ],
)
def test_bad_input_gets_a_french_message_and_keeps_what_was_typed(
    client, lead, lead_admin, communes, field, value, message
):
    client.force_login(lead_admin)
    data = {**VALID, field: value, "title": VALID["title"] if field != "title" else value}
    response = client.post(reverse("matchmaking:ad_create"), data)
    page = unescape(response.content.decode())
    assert response.status_code == 422
    assert message in page
    assert "Une salle de visioconférence de douze places." in page or field == "description"
    assert not Ad.objects.exists()


def test_pause_republish_and_close(client, lead, lead_admin, communes):
    ad = AdFactory(organisation=lead)
    client.force_login(lead_admin)
    url = reverse("matchmaking:ad_status", args=[ad.pk])
    client.post(url, {"action": "pause"})
    ad.refresh_from_db()
    assert ad.status == AdStatus.PAUSED
    client.post(url, {"action": "publish"})
    client.post(url, {"action": "close"})
    ad.refresh_from_db()
    assert ad.status == AdStatus.CLOSED
    response = client.post(url, {"action": "pause"}, follow=True)
    assert "ne s'applique plus" in unescape(response.content.decode())
    forged = client.post(url, {"action": "delete"}, follow=True)
    assert "Action inconnue" in unescape(forged.content.decode())
    assert AuditEvent.objects.filter(action="matchmaking.ad.close").count() == 1


@pytest.fixture
def people(lead, lead_admin, lead_member, outsider, instructor, communes):
    return {
        "anonymous": None,
        "outsider": outsider,
        "member": lead_member,
        "admin": lead_admin,
        "instructor": instructor,
    }


@pytest.mark.parametrize(
    ("who", "published", "paused", "edit", "status"),
    [
        ("anonymous", 302, 302, 302, 302),
        ("outsider", 200, 404, 404, 404),
        ("instructor", 200, 404, 404, 404),
        ("member", 200, 200, 403, 403),
        ("admin", 200, 200, 200, 302),
    ],
)
def test_permission_matrix(client, people, lead, who, published, paused, edit, status):
    ad = AdFactory(organisation=lead)
    hidden = AdFactory(organisation=lead, paused=True)
    if people[who]:
        client.force_login(people[who])
    assert client.get(reverse("matchmaking:ad", args=[ad.pk])).status_code == published
    assert client.get(reverse("matchmaking:ad", args=[hidden.pk])).status_code == paused
    assert client.get(reverse("matchmaking:ad_edit", args=[ad.pk])).status_code == edit
    assert client.post(reverse("matchmaking:ad_edit", args=[ad.pk]), VALID).status_code in {edit, 302}
    assert client.post(reverse("matchmaking:ad_status", args=[ad.pk]), {"action": "close"}).status_code == status
    ad.refresh_from_db()
    assert ad.title != VALID["title"] or who == "admin"


def test_the_create_page_is_for_administrators_of_a_structure(client, lead, lead_member, communes):
    client.force_login(lead_member)
    assert client.get(reverse("matchmaking:ad_create")).status_code == 404
    client.force_login(UserFactory())
    page = unescape(client.get(reverse("matchmaking:index")).content.decode())
    assert "inscrivez d'abord votre structure" in page


def test_mon_espace_links_to_the_partner_search(client, lead, lead_admin):
    client.force_login(lead_admin)
    page = unescape(client.get(reverse("accounts:dashboard")).content.decode())
    assert f'href="{reverse("matchmaking:index")}"' in page
