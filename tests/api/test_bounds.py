"""Every input of POST /api/v1/eligibility is bounded: a French 422 naming the field, never a 500."""

import json

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.eligibility.builders import consortium

URL = "/api/v1/eligibility"
WINDOW = "la date doit être comprise entre le 1er janvier 1900 et le 31 décembre 2100"


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def errors_of(response):
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith("application/json")
    return {tuple(error["loc"]): error["msg"] for error in response.json()["detail"]}


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"end_on": "9999-12-31"}, ("end_on",)),
        ({"start_on": "1899-12-31"}, ("start_on",)),
        ({"at": "0001-01-01T00:00:00+01:00"}, ("at",)),
        ({"at": "9999-12-31T23:59:59+01:00"}, ("at",)),
        ({"at": "9999-12-31T23:59:59-14:00"}, ("at",)),
    ],
)
def test_project_dates_and_instants_outside_the_window_get_a_french_422_naming_the_field(
    client, normandy_call, change, loc
):
    errors = errors_of(post(client, consortium(**change)))

    assert errors == {loc: f"« {loc[-1]} » : {WINDOW}."}


@pytest.mark.parametrize("field", ["created_on", "place_opened_on"])
def test_member_dates_outside_the_window_get_a_french_422_naming_the_field(client, normandy_call, field):
    body = consortium()
    body["members"][0][field] = "9999-06-01"

    errors = errors_of(post(client, body))

    assert errors == {("members", 0, field): f"« {field} » : {WINDOW}."}


def test_the_edges_of_the_window_are_answered(client, normandy_call):
    body = consortium(start_on="1900-01-01", end_on="2100-12-31", at="2100-12-31T23:59:59-12:00")
    body["members"][0]["created_on"] = "1900-01-01"

    response = post(client, body)

    assert response.status_code == 200
    rules = {rule["code"]: rule["status"] for rule in response.json()["rules"]}
    assert rules["schedule.duration"] == "fail"


@pytest.mark.parametrize("siren", ["١٢٣٤٥٦٧٨٢", "１２３４５６７８２", "12345678\u0662", "123456782\n"])
def test_a_siren_takes_ascii_digits_only(client, normandy_call, siren):
    body = consortium()
    body["members"][0]["siren"] = siren

    errors = errors_of(post(client, body))

    assert errors == {("members", 0, "siren"): "Le SIREN compte exactement 9 chiffres (0 à 9), sans espace."}


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "1e400", "1e10"])
def test_amounts_are_finite_and_bounded(client, normandy_call, raw):
    body = json.dumps(consortium())
    text = body.replace('"expenses": 200000', f'"expenses": {raw}')
    assert text != body

    response = client.post(URL, text, content_type="application/json")

    assert response.status_code == 422
    assert ["budget", "expenses"] in [error["loc"] for error in response.json()["detail"]]


def test_communication_over_the_cap_is_not_eligible(client, normandy_call):
    body = consortium()
    body["budget"]["communication"] = 28_000  # 14 % of 200 000 €

    document = post(client, body).json()

    assert document["eligible"] is False
    rule = next(rule for rule in document["rules"] if rule["code"] == "budget.communication_cap")
    assert rule["status"] == "fail"
    assert rule["details"]["cap"] == 20_000


def test_communication_defaults_to_nothing(client, normandy_call):
    body = consortium()
    del body["budget"]["communication"]

    document = post(client, body).json()

    assert document["eligible"] is True


def test_a_project_starting_before_the_filing_day_in_paris_is_not_eligible(client, normandy_call):
    # 23:30 UTC on 10 March 2024 is already 11 March in Paris.
    document = post(client, consortium(at="2024-03-10T23:30:00+00:00", start_on="2024-03-10")).json()

    rule = next(rule for rule in document["rules"] if rule["code"] == "schedule.start")
    assert rule["status"] == "fail"
    assert rule["details"]["earliest_on"] == "2024-03-11"
    assert document["eligible"] is False


def test_an_unexpected_error_under_the_api_answers_json_in_french(normandy_call, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    def database_down(execute, sql, params, many, context):
        raise OperationalError("la base de données ne répond pas")

    with connection.execute_wrapper(database_down):
        response = client.get("/api/v1/calls")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Erreur interne du serveur : la requête n'a pas abouti. Réessayez plus tard."}


def test_the_api_root_lists_the_endpoints_and_the_openapi_document(client, db):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"] == "http://testserver/api/v1/openapi.json"
    listed = {(endpoint["method"], endpoint["path"]) for endpoint in document["endpoints"]}
    assert {("GET", "/api/v1/calls"), ("POST", "/api/v1/eligibility"), ("GET", "/api/v1/communes")} <= listed
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for method, path in listed:
        assert method.lower() in paths[path], path


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("get", URL, "POST"), ("delete", "/api/v1/calls", "GET"), ("put", "/api/v1/", "GET")],
)
def test_a_wrong_method_is_told_in_json(client, db, method, path, allowed):
    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert response.json() == {"detail": "Méthode non autorisée pour cette adresse."}
    assert response["Allow"] == allowed


def test_the_api_root_without_its_slash_leads_to_it(client, db):
    response = client.get("/api/v1")

    assert response.status_code == 302
    assert response["Location"] == "/api/v1/"


def test_a_body_too_large_is_told_in_json(client, normandy_call, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = consortium()
    body["members"][0]["name"] = "x" * 2000

    response = post(client, body)

    assert response.status_code == 413
    assert response.json() == {"detail": "Le corps de la requête est trop volumineux."}
    documented = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/eligibility"]["post"]["responses"]
    assert {"200", "404", "413", "422", "500"} <= set(documented)


@pytest.mark.parametrize("path", ["/api/v1/communes?q=4%00%2F", "/api/v1/grants?wave=x%00"])
def test_a_nul_character_gets_a_french_422_not_a_server_error(client, db, path):
    response = client.get(path)
    assert response.status_code == 422
