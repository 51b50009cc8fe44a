"""Errors raised before any view runs answer JSON under /api/ (its clients read JSON); elsewhere the French pages."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_errors(settings):
    settings.DEBUG = False


def test_an_unknown_path_under_api_answers_json():
    response = Client().get("/api/inconnue/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_an_unknown_host_under_api_answers_json_and_elsewhere_the_french_page():
    api = Client(HTTP_HOST="attaquant.example").get("/api/v1/calls")
    page = Client(HTTP_HOST="attaquant.example").get("/")

    assert api.status_code == 400
    assert api["Content-Type"] == "application/json"
    assert page.status_code == 400
    assert '<html lang="fr">' in page.content.decode()


def test_an_unknown_page_outside_api_stays_the_french_page():
    response = Client().get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assert '<html lang="fr">' in response.content.decode()
