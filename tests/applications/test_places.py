"""« Lieux d'activité »: communes (INSEE codes), typed one a line or added through the commune combobox; the
territory rule reads their départements."""

import html as entities
import re

import pytest
from django.urls import reverse

from deffinov.applications.facts import application_facts
from deffinov.territories.models import Commune, Department, Region
from tests.applications.test_dossier import section_data


@pytest.fixture
def vire_in_saone_et_loire(db):
    """Viré (Saône-et-Loire): named exactly « Vire » once accents are set aside, smaller than Vire Normandie."""
    region = Region.objects.get_or_create(code="27", defaults={"name": "Bourgogne-Franche-Comté"})[0]
    department = Department.objects.get_or_create(code="71", defaults={"name": "Saône-et-Loire", "region": region})[0]
    return Commune.objects.create(code="71584", name="Viré", department=department, postcodes="71260", population=1225)


def post_places(client, application, text):
    data = {**section_data(client, application, "territoire"), "territoire-communes": text, "territoire-epci": ""}
    return client.post(reverse("applications:section", args=[application.number, "territoire"]), data)


def test_vire_typed_alone_is_not_taken_for_vire_in_saone_et_loire(consortium, client, vire_in_saone_et_loire):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])

    response = post_places(client, application, "Vire")

    assert response.status_code == 422
    assert "« Vire » : Plusieurs communes portent ce nom" in entities.unescape(response.content.decode())
    assert list(application.communes.values_list("code", flat=True)) == ["14762"]  # unchanged


def test_places_are_stored_as_communes_and_feed_the_territory_rule(consortium, client, vire_in_saone_et_loire):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])

    response = post_places(client, application, "Vire 14500\nViré (71260) – 71584\n")

    assert response.status_code == 302
    assert sorted(application.communes.values_list("code", flat=True)) == ["14762", "71584"]
    assert application_facts(application).departements == frozenset({"14", "71"})


def test_the_places_field_offers_the_commune_combobox_and_keeps_the_text_fallback(consortium, client):
    client.force_login(consortium["lead_admin"])

    html = client.get(consortium["application"].get_absolute_url()).content.decode()

    (textarea,) = re.findall(r'<textarea[^>]*name="territoire-communes"[^>]*>', html)
    assert 'data-commune-autocomplete="/api/v1/communes"' in textarea
    assert "Vire Normandie (14500) – 14762" in html
    assert "js/commune-autocomplete.js" in html
