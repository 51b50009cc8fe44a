import datetime as dt

import pytest

from deffinov.calls.models import PARIS
from deffinov.demo.call import CALL_SLUG
from tests.calls.factories import CallFactory, WaveFactory


@pytest.fixture
def during_wave_2(time_machine):
    time_machine.move_to(dt.datetime(2024, 2, 15, 10, 0, tzinfo=PARIS), tick=False)


def test_the_calls_endpoint_gives_the_rules_criteria_and_waves(client, during_wave_2, demo):
    response = client.get("/api/v1/calls")

    assert response.status_code == 200
    [call] = response.json()
    assert call["slug"] == CALL_SLUG
    assert call["title"] == "Normandie Connectée – Nouveaux espaces de compétences – Deffinov"
    assert call["url"] == f"http://testserver/appels/{CALL_SLUG}/"
    assert call["rules"] == {
        "grant_min": 50000,
        "grant_max": 200000,
        "cofinancing_floor": 0.3,
        "cofinancing_floor_exception": 0.2,
        "duration_min_months": 12,
        "duration_max_months": 36,
        "programme_ends_on": "2026-12-31",
        "eligible_departements": ["14", "27", "50", "61", "76"],
        "min_tiers_lieu_members": 1,
        "min_training_members": 1,
        "min_distinct_members": 2,
        "seniority_months": 12,
        "de_minimis_ceiling": 300000,
        "communication_cap_rate": 0.1,
        "project_start": "submission",
    }
    assert [criterion["code"] for criterion in call["tiers_lieu_criteria"]] == [
        "ancrage_territorial",
        "communaute",
        "gouvernance_partagee",
        "hybridation",
        "experimentation",
    ]
    assert call["tiers_lieu_criteria"][0] == {"code": "ancrage_territorial", "label": "Un ancrage territorial"}
    waves = {wave["slug"]: wave for wave in call["waves"]}
    assert waves["vague-2-2024"] == {
        "slug": "vague-2-2024",
        "number": 2,
        "title": "Vague 2 – 2024",
        "opens_at": "2024-01-08T00:00:00+01:00",
        "closes_at": "2024-03-11T23:59:59+01:00",
        "status": "open",
        "envelope": 1450000,
        "is_demo": False,
        "projects_end_on": "2026-12-31",
    }
    assert waves["vague-1-2023"]["status"] == "closed"
    assert waves["vague-demonstration"]["is_demo"] is True
    assert waves["vague-demonstration"]["opens_at"] == "2024-02-15T00:00:00+01:00"
    # A project of 36 months starting the day after the demonstration wave closes (15 April 2024) ends in 2027.
    assert waves["vague-demonstration"]["projects_end_on"] == "2027-12-31"


def test_dates_carry_the_paris_offset_of_their_season(client, during_wave_2, demo):
    waves = {wave["slug"]: wave for wave in client.get("/api/v1/calls").json()[0]["waves"]}

    # Wave 1 opened in winter and closed in spring, after the clocks moved forward.
    assert waves["vague-1-2023"]["opens_at"] == "2023-01-26T00:00:00+01:00"
    assert waves["vague-1-2023"]["closes_at"] == "2023-04-28T23:59:59+02:00"


def test_a_wave_closing_on_the_day_clocks_change_has_the_summer_offset(client, db):
    wave = WaveFactory(opens_on=dt.date(2025, 3, 30), closes_on=dt.date(2025, 3, 30))

    [call] = client.get("/api/v1/calls").json()

    assert call["slug"] == wave.call.slug
    assert call["waves"][0]["opens_at"] == "2025-03-30T00:00:00+01:00"
    assert call["waves"][0]["closes_at"] == "2025-03-30T23:59:59+02:00"


def test_one_call_by_its_identifier(client, during_wave_2, demo):
    response = client.get(f"/api/v1/calls/{CALL_SLUG}")

    assert response.status_code == 200
    assert response.json()["slug"] == CALL_SLUG
    assert len(response.json()["waves"]) == 3


def test_an_unknown_or_unpublished_call_is_a_404_in_json(client, db):
    CallFactory(slug="brouillon", is_published=False)

    for slug in ["inconnu", "brouillon"]:
        response = client.get(f"/api/v1/calls/{slug}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Appel à projets introuvable."}
    assert client.get("/api/v1/calls").json() == []


def test_the_list_costs_the_same_queries_however_many_calls_and_waves(client, db, django_assert_num_queries):
    WaveFactory()
    # First visit: two more queries (the published calls' versions and waves) key the page cache.
    with django_assert_num_queries(6):
        client.get("/api/v1/calls")

    for _ in range(3):
        call = CallFactory()
        WaveFactory(call=call)
        WaveFactory(call=call, opens_on=dt.date(2025, 1, 6), closes_on=dt.date(2025, 3, 10))
    with django_assert_num_queries(6):
        assert len(client.get("/api/v1/calls").json()) == 4


def test_the_openapi_document_lists_the_paths(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert "/api/v1/calls" in paths
    assert "/api/v1/calls/{slug}" in paths
    assert "404" in paths["/api/v1/calls/{slug}"]["get"]["responses"]
