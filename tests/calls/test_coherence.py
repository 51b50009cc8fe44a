"""Saving a call or a wave checks its dates against each other, and says in French what is wrong."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from deffinov.calls.models import start_of_day_in_paris
from tests.calls.factories import CallFactory, WaveFactory
from tests.calls.test_admin import admin_client  # noqa: F401
from tests.demo.fixtures import page_text

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return {field: " ".join(messages) for field, messages in error.value.message_dict.items()}


def wave_closing(closes_on, **changes):
    call = CallFactory(programme_ends_on=dt.date(2026, 12, 31), duration_min_months=12)
    return WaveFactory.build(call=call, opens_on=closes_on - dt.timedelta(days=60), closes_on=closes_on, **changes)


def test_a_wave_closing_too_late_for_a_project_of_the_minimum_duration_is_refused():
    wave = wave_closing(dt.date(2027, 1, 29))

    assert errors_of(wave) == {
        "closes_at": "La vague clôture trop tard : un projet de 1 an (la durée minimale) commençant le lendemain "
        "de la clôture, le 30 janvier 2027, s'achèverait le 29 janvier 2028, après la fin du programme "
        "(31 décembre 2026). Avancez la clôture, ou fixez pour cette vague une fin des projets plus lointaine."
    }


def test_a_wave_leaving_exactly_the_minimum_duration_is_accepted():
    wave_closing(dt.date(2025, 12, 31)).full_clean()
    assert "closes_at" in errors_of(wave_closing(dt.date(2026, 1, 1)))


def test_a_wave_may_give_its_projects_a_later_end():
    wave = wave_closing(dt.date(2027, 1, 29), projects_end_on=dt.date(2028, 1, 28))
    assert "projects_end_on" in errors_of(wave)

    wave.projects_end_on = dt.date(2028, 1, 29)
    wave.full_clean()


def test_a_committee_before_the_closing_is_refused():
    wave = wave_closing(dt.date(2025, 3, 11), committee_on=dt.date(2025, 3, 10))

    assert errors_of(wave) == {
        "committee_on": "Le comité de sélection (10 mars 2025) ne peut pas se réunir avant la clôture "
        "de la vague (11 mars 2025)."
    }


def test_an_opening_after_the_closing_is_refused():
    wave = wave_closing(dt.date(2025, 3, 11))
    wave.opens_at = start_of_day_in_paris(dt.date(2025, 4, 1))

    assert errors_of(wave) == {
        "closes_at": "La clôture (11 mars 2025 à 23\u00a0h\u00a059) "
        "doit suivre l'ouverture (1er avril 2025 à 0\u00a0h\u00a000)."
    }


def test_dates_outside_two_thousand_to_twenty_one_hundred_are_refused():
    wave = wave_closing(dt.date(2025, 3, 11), committee_on=dt.date(9999, 12, 31))
    assert errors_of(wave) == {
        "committee_on": "La date du comité doit tomber entre le 1er janvier 2000 et le 31 décembre 2100."
    }
    call = CallFactory.build(programme_ends_on=dt.date(9999, 12, 31))
    assert "programme_ends_on" in errors_of(call)


def test_durations_and_seniority_stay_within_fifty_years():
    call = CallFactory.build(seniority_months=30_000, duration_max_months=700)

    errors = errors_of(call)

    assert errors["seniority_months"] == "L'ancienneté minimale ne peut pas dépasser 600 mois (50 ans)."
    assert "duration_max_months" in errors


def test_a_call_whose_figures_contradict_each_other_is_refused():
    call = CallFactory.build(
        grant_min=Decimal(200_000),
        grant_max=Decimal(50_000),
        duration_min_months=36,
        duration_max_months=12,
        cofinancing_floor=Decimal("0.20"),
        cofinancing_floor_exception=Decimal("0.30"),
    )

    assert set(errors_of(call)) == {"grant_max", "duration_max_months", "cofinancing_floor_exception"}


def test_the_real_waves_of_the_demo_call_are_coherent(demo):
    for wave in demo.call.waves.all():
        wave.full_clean()
    demo.call.full_clean()


def test_the_admin_says_what_is_wrong_with_a_wave(admin_client, demo):  # noqa: F811
    wave = demo.call.waves.get(slug="vague-2-2024")
    url = reverse("admin:calls_wave_change", args=[wave.pk])
    data = {
        "call": demo.call.pk,
        "number": wave.number,
        "title": wave.title,
        "slug": wave.slug,
        "opens_at_0": "08/01/2024",
        "opens_at_1": "00:00:00",
        "closes_at_0": "11/03/2024",
        "closes_at_1": "23:59:59",
        "envelope": "1450000",
        "committee_on": "01/03/2024",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Le comité de sélection (1er mars 2024) ne peut pas se réunir avant la clôture" in page_text(response)
    wave.refresh_from_db()
    assert wave.committee_on is None


def test_the_call_admin_shows_the_rule_code_beside_each_setting(admin_client, demo):  # noqa: F811
    text = page_text(admin_client.get(reverse("admin:calls_call_change", args=[demo.call.pk])))

    for code in [
        "budget.grant_range",
        "budget.cofinancing",
        "budget.communication_cap",
        "state_aid.de_minimis",
        "schedule.duration",
        "schedule.end",
        "schedule.start",
        "territory.region",
        "composition.tiers_lieu",
        "composition.training_actor",
        "composition.distinct_members",
        "members.seniority",
        "wave.open",
    ]:
        assert f"Règle vérifiée : {code}." in text, code
    assert "Appliqué par le comité de sélection" in text
