"""Error pages a visitor may meet (production settings: DEBUG off): French, in the site's layout, with a way back."""

import pytest
from django.template.loader import get_template
from django.test import Client

from tests.demo.fixtures import page_text

pytestmark = [pytest.mark.urls("tests.www.errors_urls"), pytest.mark.django_db]

ENGLISH_DEFAULTS = ("Not Found", "Forbidden", "Server Error", "Bad Request", "CSRF verification failed")


@pytest.fixture(autouse=True)
def production_errors(settings):
    settings.DEBUG = False


def assert_french_page_with_a_way_back(response, status, heading):
    content = response.content.decode()
    assert response.status_code == status
    assert '<html lang="fr">' in content
    assert f"<h1>{heading}</h1>" in content
    assert 'href="/">Revenir à l\'accueil</a>' in content
    assert "Deffinov" in page_text(response)
    assert not any(english in content for english in ENGLISH_DEFAULTS)


def test_an_unknown_address_answers_a_french_404(client):
    assert_french_page_with_a_way_back(client.get("/cette-page-n-existe-pas/"), 404, "Page introuvable")


def test_a_refused_page_answers_a_french_403_that_offers_to_sign_in(client):
    response = client.get("/essai/interdit/")

    assert_french_page_with_a_way_back(response, 403, "Accès refusé")
    assert "Connectez-vous" in page_text(response)


def test_a_malformed_request_answers_a_french_400(client):
    assert_french_page_with_a_way_back(client.get("/essai/invalide/"), 400, "Requête invalide")


def test_a_form_posted_without_its_security_token_answers_a_french_page():
    response = Client(enforce_csrf_checks=True).post("/essai/formulaire/", {"champ": "valeur"})

    assert_french_page_with_a_way_back(response, 403, "Le formulaire a expiré")


def test_a_server_error_answers_a_french_500():
    response = Client(raise_request_exception=False).get("/essai/panne/")

    assert_french_page_with_a_way_back(response, 500, "Une erreur est survenue")
    assert "Se déconnecter" not in response.content.decode()


@pytest.mark.django_db(databases=[])
def test_the_500_page_renders_without_a_request_nor_the_database():
    # Django renders 500.html with no context at all; the database may be the very thing that failed.
    content = get_template("500.html").render()

    assert "Une erreur est survenue" in content
    assert "contact@" in content
