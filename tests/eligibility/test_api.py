import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from deffinov.calls.models import Call
from deffinov.eligibility.engine import RULE_CODES
from tests.eligibility.builders import consortium

URL = "/api/v1/eligibility"


def post(client, body, url=URL):
    return client.post(url, body, content_type="application/json")


def test_an_eligible_consortium(client, normandy_call):
    response = post(client, consortium())

    assert response.status_code == 200
    document = response.json()
    assert document["eligible"] is True
    assert document["wave"] == "vague-2"
    assert [rule["code"] for rule in document["rules"]] == list(RULE_CODES)
    assert set(document["rules"][0]) == {"code", "status", "message", "details"}
    assert document["rules"][0]["status"] == "pass"


def test_one_second_after_the_deadline_the_wave_is_closed(client, normandy_call):
    response = post(client, consortium(at="2024-03-12T00:00:00+01:00"))

    document = response.json()
    assert document["eligible"] is False
    wave = document["rules"][0]
    assert wave["status"] == "fail"
    assert "La vague a été clôturée le 11 mars 2024 à 23\u00a0h\u00a059 (heure de Paris)." in wave["message"]
    assert wave["details"]["closes_at"] == "2024-03-11T23:59:59+01:00"


def test_the_messages_explain_what_to_fix_with_french_numbers(client, normandy_call):
    body = consortium()
    body["budget"]["requested_grant"] = 150000
    body["budget"]["own_funds"] = 0

    rules = {rule["code"]: rule for rule in post(client, body).json()["rules"]}

    assert rules["budget.cofinancing"]["status"] == "fail"
    assert "ne peut dépasser 140\xa0000\xa0€" in rules["budget.cofinancing"]["message"]
    assert rules["budget.cofinancing"]["details"] == {"rate": 0.25, "floor": 0.3, "max_grant": 140000}


def test_without_a_wave_the_open_wave_of_the_published_call_is_used(client, normandy_call):
    body = consortium()
    del body["wave"], body["at"]

    with time_machine.travel(dt.datetime(2024, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        document = post(client, body).json()

    assert document["wave"] == "vague-2"
    assert document["rules"][0]["status"] == "pass"


def test_without_an_open_wave_the_latest_is_used(client, normandy_call):
    body = consortium()
    del body["wave"]
    body["at"] = "2025-01-01T10:00:00+01:00"

    document = post(client, body).json()

    assert document["wave"] == "vague-2"
    assert document["rules"][0]["status"] == "fail"


def test_a_trailing_slash_is_served_the_same(client, normandy_call):
    response = post(client, consortium(), url=URL + "/")

    assert response.status_code == 200
    assert response.json()["eligible"] is True


def test_no_csrf_token_is_needed(normandy_call):
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), consortium())

    assert response.status_code == 200


def errors_of(response):
    assert response.status_code == 422, response.content
    return {tuple(error["loc"]): error["msg"] for error in response.json()["detail"]}


@pytest.mark.parametrize(
    ("change", "loc", "message"),
    [
        ({"wave": "vague-9"}, ("wave",), "Aucune vague ne porte l'identifiant « vague-9 »."),
        ({"at": "2024-03-11T23:59:59"}, ("at",), "La date et heure doit préciser son décalage horaire"),
        ({"at": "demain"}, ("at",), "Une date et heure ISO 8601 est attendue."),
        ({"departements": ["Orne"]}, ("departements", 0), "n'est pas un code de département"),
        ({"start_on": "01/06/2024"}, ("start_on",), "Une date au format AAAA-MM-JJ est attendue."),
        ({"members": "deux"}, ("members",), "Une liste est attendue."),
        ({"departments": ["14"]}, ("departments",), "Ce champ n'est pas attendu."),
    ],
)
def test_malformed_fields_get_a_french_message_on_the_field(client, normandy_call, change, loc, message):
    errors = errors_of(post(client, consortium(**change)))

    assert message in errors[loc]


@pytest.mark.parametrize(
    ("member_change", "loc", "message"),
    [
        ({"siren": "12345678"}, ("members", 0, "siren"), "Le SIREN compte exactement 9 chiffres"),
        ({"kinds": ["licorne"]}, ("members", 0, "kinds", 0), "ne fait pas partie des choix possibles"),
        ({"kinds": []}, ("members", 0, "kinds"), "trop courte"),
        ({"lead": "peut-être"}, ("members", 0, "lead"), "Un booléen"),
        ({"grant_share": 1.5}, ("members", 0, "grant_share"), "Cette valeur"),
        (
            {"tiers_lieu_criteria": {"licorne": "oui"}},
            ("members", 0, "tiers_lieu_criteria", "licorne"),
            "« licorne » n'est pas un critère de l'appel",
        ),
    ],
)
def test_malformed_members_get_a_french_message_on_the_field(client, normandy_call, member_change, loc, message):
    body = consortium()
    body["members"][0].update(member_change)

    errors = errors_of(post(client, body))

    assert message in errors[loc]


@pytest.mark.parametrize(
    ("amount", "message"),
    [(-1, "Cette valeur doit"), (10**30, "Cette valeur"), ("beaucoup", "Un nombre est attendu."), (None, "nombre")],
)
def test_amounts_must_be_positive_numbers_of_a_sane_size(client, normandy_call, amount, message):
    body = consortium()
    body["budget"]["expenses"] = amount

    errors = errors_of(post(client, body))

    assert message in errors[("budget", "expenses")]


@pytest.mark.parametrize(
    "raw",
    ["[]", '"x"', "42", "null", "{", "", '{"members": [[]]}', '{"budget": 1e999}', "NaN", "\xff\xfe"],
)
def test_garbage_gets_a_422_never_a_500(client, normandy_call, raw):
    response = client.post(URL, raw, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["detail"]
    assert all(error["msg"] for error in response.json()["detail"])


def test_bad_json_is_told_in_french(client, normandy_call):
    errors = errors_of(client.post(URL, "{", content_type="application/json"))

    assert errors[("body",)] == "Le corps de la requête n'est pas un JSON valide."


def test_without_a_published_call_the_api_says_so(client, db):
    assert not Call.objects.exists()

    response = post(client, consortium(wave=None))

    assert response.status_code == 404
    assert response.json() == {"detail": "Aucun appel à projets n'est publié."}


def test_the_endpoint_is_documented_in_french(client, normandy_call):
    document = client.get("/api/v1/openapi.json").json()

    operation = document["paths"]["/api/v1/eligibility"]["post"]
    assert operation["summary"] == "Vérifier l'éligibilité d'un collectif"
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["members"]["items"]["properties"]["siren"]["description"].startswith("SIREN")
    assert "422" in operation["responses"]
    assert "/api/v1/eligibility/" not in document["paths"]


def test_the_call_is_read_once_whatever_the_number_of_members(
    client, normandy_call, django_assert_max_num_queries, django_assert_num_queries
):
    body = consortium()
    body["members"] *= 10

    with django_assert_max_num_queries(4):
        assert post(client, body).status_code == 200
    with django_assert_num_queries(0):
        assert post(client, body).status_code == 200


def test_a_change_of_the_rules_applies_at_once(client, normandy_call):
    body = consortium()
    body["budget"].update(requested_grant=150000, own_funds=0)
    assert rules_by_code(post(client, body))["budget.cofinancing"]["status"] == "fail"

    normandy_call.cofinancing_floor = Decimal("0.20")
    normandy_call.save()

    assert rules_by_code(post(client, body))["budget.cofinancing"]["status"] == "pass"


def rules_by_code(response):
    return {rule["code"]: rule for rule in response.json()["rules"]}
