import datetime as dt
import re

import pytest
import time_machine

from tests.eligibility.builders import consortium

URL = "/eligibilite/simulateur/"
# During wave 2.
NOW = dt.datetime(2024, 2, 15, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _during_wave_2():
    with time_machine.travel(NOW, tick=False):
        yield


def complete_form(**changes):
    data = {
        "wave": "vague-2",
        "lead": "1",
        "membre-1-name": "La Fabrique de Vire",
        "membre-1-siren": "",
        "membre-1-kinds": ["tiers_lieu"],
        "membre-1-counted": "oui",
        "membre-1-created_on": "2018-05-01",
        "membre-1-criteria": [
            "ancrage_territorial",
            "communaute",
            "gouvernance_partagee",
            "hybridation",
            "experimentation",
        ],
        "membre-1-justification_communaute": "Une association de 120 membres.",
        "membre-2-name": "Formations du Bocage",
        "membre-2-kinds": ["organisme_formation"],
        "membre-2-counted": "oui",
        "membre-2-created_on": "2010-09-01",
        "departements": ["14"],
        "expenses": "200000",
        "requested_grant": "120000",
        "own_funds": "30000",
        "other_public": "30000",
        "private": "",
        "in_kind": "20000",
        "start_on": "2024-06-01",
        "end_on": "2026-05-31",
    }
    data.update(changes)
    return data


def statuses(response):
    return dict(re.findall(r'data-rule="([^"]+)" data-status="([^"]+)"', response.content.decode()))


def test_the_simulator_is_public_and_shows_what_is_missing(client, normandy_call, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert "Suis-je éligible ?" in page
    assert 'aria-live="polite"' in page
    assert 'hx-post="/eligibilite/simulateur/"' in page
    assert '<option value="vague-2" selected>Vague 2 (Ouverte)</option>' in page
    assert "Gouvernance partagée" in page
    assert "Orne (61)" in page and "Autre département" in page
    assert "Pas encore éligible" in page
    assert statuses(response)["wave.open"] == "pass"
    assert statuses(response)["composition.tiers_lieu"] == "fail"


def test_a_complete_consortium_is_eligible_and_every_field_is_kept(client, normandy_call):
    response = client.post(URL, complete_form())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Votre projet semble éligible." in page
    assert set(statuses(response).values()) == {"pass", "not_applicable"}
    assert 'value="La Fabrique de Vire"' in page
    assert 'value="Une association de 120 membres."' in page
    assert 'value="2026-05-31"' in page
    assert 'value="120000"' in page
    assert 'name="lead" value="1" id="id_lead_0" checked' in page.replace("\n", " ")


def test_an_htmx_request_gets_the_result_panel_only(client, normandy_call):
    response = client.post(URL, complete_form(requested_grant="150000", own_funds="0"), headers={"HX-Request": "true"})

    page = response.content.decode()
    assert "<html" not in page
    assert "<form" not in page
    assert statuses(response)["budget.cofinancing"] == "fail"
    assert "ne peut dépasser 140\xa0000\xa0€" in page
    assert "Pas encore éligible" in page
    assert "✗" in page and "(Non respectée)" in page


def test_a_ticked_criterion_counts_as_declared_and_an_unticked_one_is_named(client, normandy_call):
    form = complete_form()
    form["membre-1-criteria"] = form["membre-1-criteria"][:4]

    response = client.post(URL, form)

    assert statuses(response)["composition.tiers_lieu"] == "fail"
    assert "Expérimentation et innovation" in response.content.decode()


def test_rows_without_siren_are_distinct_structures_and_a_repeated_siren_is_not(client, normandy_call):
    assert statuses(client.post(URL, complete_form()))["composition.distinct_members"] == "pass"

    same = complete_form(**{"membre-1-siren": "123456782", "membre-2-siren": "123456782"})
    response = client.post(URL, same)

    assert statuses(response)["composition.distinct_members"] == "fail"
    assert "même SIREN (123456782)" in response.content.decode()


def test_an_other_departement_and_an_associated_partner(client, normandy_call):
    form = complete_form(departements=["14", "autre"], **{"membre-2-counted": "non"})

    response = client.post(URL, form)

    assert statuses(response)["territory.region"] == "fail"
    assert statuses(response)["composition.training_actor"] == "fail"
    assert "un autre département" in response.content.decode()


def test_a_closed_wave_is_said_so_and_the_other_rules_still_show(client, normandy_call):
    response = client.post(URL, complete_form(wave="vague-1"))

    page = response.content.decode()
    assert "La vague « Vague 1 » est clôturée" in page
    assert statuses(response)["wave.open"] == "fail"
    assert statuses(response)["budget.cofinancing"] == "pass"


def test_bad_input_is_told_on_the_field_and_nothing_is_lost(client, normandy_call):
    form = complete_form(**{"membre-2-siren": "12 34", "expenses": "-5"})

    response = client.post(URL, form)

    page = response.content.decode()
    assert "Corrigez ces champs pour voir le résultat" in page
    assert "Le SIREN compte exactement 9 chiffres." in page
    assert 'aria-describedby="id_membre-2-siren_helptext id_membre-2-siren_error"' in page
    assert 'href="#id_expenses"' in page
    assert 'value="12 34"' in page
    assert 'value="La Fabrique de Vire"' in page
    assert "data-rule=" not in page


def test_the_simulator_and_the_api_give_the_same_verdict(client, normandy_call):
    form = complete_form(requested_grant="49999", own_funds="100001", **{"membre-2-created_on": "2023-06-01"})
    body = consortium()
    body["budget"].update(requested_grant=49999, own_funds=100001)
    body["members"][1]["created_on"] = "2023-06-01"
    body["members"][0]["siren"] = "111111118"
    del body["at"]

    simulated = statuses(client.post(URL, form))
    answered = client.post("/api/v1/eligibility", body, content_type="application/json").json()

    assert simulated == {rule["code"]: rule["status"] for rule in answered["rules"]}
    assert simulated["budget.grant_range"] == "warning"
    assert simulated["members.seniority"] == "fail"


def test_communication_over_the_calls_cap_is_not_eligible_and_the_cap_is_said(client, normandy_call):
    response = client.post(URL, complete_form(communication="28000"))

    assert statuses(response)["budget.communication_cap"] == "fail"
    page = " ".join(response.content.decode().replace("\xa0", " ").split())
    assert "Dont dépenses de communication (€)" in page
    assert "au plus 10 % des dépenses éligibles" in page
    assert "Réduisez-les de 8 000 €" in page


def test_a_project_starting_before_today_cannot_be_filed(client, normandy_call):
    assert (
        statuses(client.post(URL, complete_form(start_on="2024-02-14", end_on="2025-02-13")))["schedule.start"]
        == "fail"
    )
    assert (
        statuses(client.post(URL, complete_form(start_on="2024-02-15", end_on="2025-02-14")))["schedule.start"]
        == "pass"
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("end_on", "9999-12-31", "Indiquez une date jusqu'au 31 décembre 2100."),
        ("start_on", "0001-01-01", "Indiquez une date à partir du 1er janvier 1900."),
        ("membre-1-created_on", "9999-12-31", "Indiquez une date jusqu'au 31 décembre 2100."),
    ],
)
def test_dates_outside_any_programme_are_told_on_the_field(client, normandy_call, field, value, message):
    response = client.post(URL, complete_form(**{field: value}))

    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    assert message in page
    assert "data-rule=" not in page


def test_a_siren_takes_ascii_digits_only(client, normandy_call):
    response = client.post(URL, complete_form(**{"membre-2-siren": "١٢٣٤٥٦٧٨٢"}))

    assert "Le SIREN compte exactement 9 chiffres." in response.content.decode()
