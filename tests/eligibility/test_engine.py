"""The engine, rule by rule, with plain data only: no database."""

import copy
import dataclasses
import datetime as dt
import json
import pickle
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from deffinov.eligibility.engine import RULE_CODES, add_months, duration, evaluate
from deffinov.eligibility.facts import RuleResult, Status
from tests.eligibility.builders import (
    AT,
    DECLARED,
    application,
    budget,
    call_rules,
    partner,
    tiers_lieu,
    training_organisation,
)

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC
NBSP = "\xa0"


def check(code, facts=None, rules=None, at=AT):
    return evaluate(facts or application(), rules or call_rules(), at).result(code)


def test_a_complete_consortium_is_eligible_and_every_rule_answers_in_order():
    verdict = evaluate(application(), call_rules(), AT)

    assert verdict.eligible
    assert [result.code for result in verdict.rules] == list(RULE_CODES)
    statuses = {result.code: result.status for result in verdict.rules}
    assert statuses.pop("documents.complete") == Status.NOT_APPLICABLE
    assert set(statuses.values()) == {Status.PASS}
    assert all(result.message for result in verdict.rules)


def test_a_verdict_full_of_failures_is_json_serialisable_with_french_messages():
    facts = application(
        members=[tiers_lieu(tiers_lieu_criteria={}, created_on=None, de_minimis_received=Decimal(299_000))],
        departements=frozenset({"75"}),
        budget=budget(expenses=Decimal(0), requested_grant=Decimal("250000.50")),
        start_on=dt.date(2026, 6, 1),
        end_on=dt.date(2027, 1, 1),
        check_documents=True,
    )
    verdict = evaluate(facts, call_rules(), dt.datetime(2024, 3, 12, tzinfo=PARIS))

    assert not verdict.eligible
    document = json.loads(json.dumps(verdict.as_dict()))
    assert document["eligible"] is False
    assert len(document["rules"]) == len(RULE_CODES)
    assert {rule["status"] for rule in document["rules"]} >= {"fail", "warning"}


# wave.open ------------------------------------------------------------------------------------------


def test_the_wave_is_open_until_the_last_second_of_its_closing_day_in_paris():
    last_second = dt.datetime(2024, 3, 11, 23, 59, 59, 900_000, tzinfo=PARIS)
    assert check("wave.open", at=last_second).status == Status.PASS

    next_day = dt.datetime(2024, 3, 12, 0, 0, 0, tzinfo=PARIS)
    result = check("wave.open", at=next_day)
    assert result.status == Status.FAIL
    assert result.message == (
        "La vague a été clôturée le 11 mars 2024 à 23\u00a0h\u00a059 (heure de Paris). "
        "Les dossiers ne peuvent plus y être déposés."
    )


def test_a_wave_not_yet_open_says_when_it_opens():
    result = check("wave.open", at=dt.datetime(2024, 1, 7, 23, 59, 59, tzinfo=PARIS))

    assert result.status == Status.FAIL
    assert "ouvrira le 8 janvier 2024 à 0\u00a0h\u00a000 (heure de Paris)" in result.message
    assert check("wave.open", at=dt.datetime(2024, 1, 8, 0, 0, tzinfo=PARIS)).status == Status.PASS


def test_without_a_wave_the_date_is_not_checked():
    result = check("wave.open", rules=call_rules(wave_opens_at=None, wave_closes_at=None))

    assert result.status == Status.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("closing_day", "last_second_utc"),
    [
        # Summer time starts that night (+01:00 → +02:00): 23:59:59 in Paris is 21:59:59 UTC.
        (dt.date(2025, 3, 30), dt.datetime(2025, 3, 30, 21, 59, 59, tzinfo=UTC)),
        # Summer time ends that night (+02:00 → +01:00): 23:59:59 in Paris is 22:59:59 UTC.
        (dt.date(2025, 10, 26), dt.datetime(2025, 10, 26, 22, 59, 59, tzinfo=UTC)),
    ],
)
def test_waves_closing_on_a_clock_change_day_close_at_midnight_paris_time(closing_day, last_second_utc):
    rules = call_rules(
        wave_opens_at=dt.datetime(2025, 1, 6, tzinfo=PARIS),
        wave_closes_at=dt.datetime.combine(closing_day, dt.time(23, 59, 59), tzinfo=PARIS),
    )

    assert check("wave.open", rules=rules, at=last_second_utc).status == Status.PASS
    closed = check("wave.open", rules=rules, at=last_second_utc + dt.timedelta(seconds=1))
    assert closed.status == Status.FAIL
    assert "à 23\u00a0h\u00a059 (heure de Paris)" in closed.message


# composition ----------------------------------------------------------------------------------------


def test_a_tiers_lieu_missing_a_criterion_or_its_justification_is_not_counted_as_such():
    declared = dict(DECLARED, hybridation="   ")
    del declared["communaute"]
    facts = application(members=[tiers_lieu(tiers_lieu_criteria=declared), training_organisation()])

    result = check("composition.tiers_lieu", facts)

    assert result.status == Status.FAIL
    assert "« Communauté d'acteurs engagés » et « Hybridation des activités »" in result.message.replace(NBSP, " ")
    assert "« La Fabrique de Vire »" in result.message.replace(NBSP, " ")
    assert result.field == "#criteres-tiers-lieu"
    assert result.details["qualifying"] == 0


def test_a_consortium_without_a_counted_tiers_lieu_fails():
    facts = application(members=[tiers_lieu(counted=False, lead=False), training_organisation(lead=True)])

    result = check("composition.tiers_lieu", facts)

    assert result.status == Status.FAIL
    assert "au moins 1 tiers-lieu" in result.message


@pytest.mark.parametrize(
    "kind", ["organisme_formation", "cfa", "lycee_professionnel", "etablissement_scolaire", "edtech"]
)
def test_every_training_kind_counts_as_a_training_actor(kind):
    facts = application(members=[tiers_lieu(), training_organisation(kinds=frozenset({kind}))])

    assert check("composition.training_actor", facts).status == Status.PASS


def test_an_associated_training_partner_does_not_count():
    facts = application(members=[tiers_lieu(), partner(1, kinds=frozenset({"cfa"}), name="CFA associé")])

    result = check("composition.training_actor", facts)

    assert result.status == Status.FAIL
    assert "« CFA associé » est un partenaire associé" in result.message.replace(NBSP, " ")


def test_a_tiers_lieu_that_is_also_a_training_organisation_cannot_apply_alone():
    both = tiers_lieu(kinds=frozenset({"tiers_lieu", "organisme_formation"}))
    facts = application(members=[both, partner(1)])

    verdict = evaluate(facts, call_rules(), AT)

    assert verdict.result("composition.tiers_lieu").status == Status.PASS
    assert verdict.result("composition.training_actor").status == Status.PASS
    result = verdict.result("composition.distinct_members")
    assert result.status == Status.FAIL
    assert "ne peut pas candidater seule" in result.message
    assert result.details["distinct"] == 1
    assert not verdict.eligible


def test_two_members_with_the_same_siren_are_one_structure():
    facts = application(members=[tiers_lieu(), training_organisation(siren="123456782")])

    result = check("composition.distinct_members", facts)

    assert result.status == Status.FAIL
    assert "même SIREN (123456782)" in result.message
    assert "ne peut pas candidater seule" in result.message


def test_associated_partners_are_not_counted_among_distinct_members():
    facts = application(members=[tiers_lieu(), partner(1), partner(2)])

    assert check("composition.distinct_members", facts).details["distinct"] == 1


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ([tiers_lieu(lead=False), training_organisation()], "Désignez le chef de file"),
        ([tiers_lieu(), training_organisation(lead=True)], "or 2 membres sont désignés"),
        ([tiers_lieu(lead=False), training_organisation(), partner(1, lead=True)], "est un partenaire associé"),
    ],
    ids=["no lead", "two leads", "lead not counted"],
)
def test_exactly_one_counted_lead(members, expected):
    result = check("composition.lead", application(members=members))

    assert result.status == Status.FAIL
    assert expected in result.message


# members.seniority ----------------------------------------------------------------------------------


def test_a_member_created_exactly_one_year_before_is_old_enough():
    facts = application(members=[tiers_lieu(created_on=dt.date(2023, 2, 15)), training_organisation()])

    assert check("members.seniority", facts).status == Status.PASS


def test_a_member_one_day_short_of_a_year_fails_and_learns_when_it_will_qualify():
    facts = application(members=[tiers_lieu(), training_organisation(created_on=dt.date(2023, 2, 16))])

    result = check("members.seniority", facts)

    assert result.status == Status.FAIL
    message = result.message.replace(NBSP, " ")
    assert (
        "« Formations du Bocage » (créée le 16 février 2023) n'aura 1 an d'existence que le 16 février 2024" in message
    )
    assert result.details["too_young"][0]["reached_on"] == "2024-02-16"


def test_seniority_is_judged_on_the_paris_date():
    # 23:30 UTC on the 14th is already the 15th in Paris.
    at = dt.datetime(2024, 2, 14, 23, 30, tzinfo=UTC)
    facts = application(members=[tiers_lieu(created_on=dt.date(2023, 2, 15)), training_organisation()])

    assert check("members.seniority", facts, at=at).status == Status.PASS


def test_a_tiers_lieu_counts_from_the_opening_of_its_place():
    young_place = tiers_lieu(created_on=dt.date(2015, 1, 1), place_opened_on=dt.date(2023, 9, 1))
    facts = application(members=[young_place, training_organisation()])

    result = check("members.seniority", facts)

    assert result.status == Status.FAIL
    assert "lieu ouvert le 1er septembre 2023" in result.message.replace(NBSP, " ")
    assert "1er septembre 2024" in result.message


def test_a_missing_creation_date_is_asked_for():
    facts = application(members=[tiers_lieu(), training_organisation(created_on=None)])

    result = check("members.seniority", facts)

    assert result.status == Status.FAIL
    assert "Indiquez la date de création de « Formations du Bocage »" in result.message.replace(NBSP, " ")


def test_add_months_keeps_the_day_or_takes_the_end_of_a_shorter_month():
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 11, 30), 3) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 5, 15), 19) == dt.date(2025, 12, 15)


# territory ------------------------------------------------------------------------------------------


def test_every_place_of_activity_must_be_in_the_call_departments():
    result = check("territory.region", application(departements=frozenset({"14", "75"})))

    assert result.status == Status.FAIL
    assert "hors de ce territoire : 75" in result.message
    assert "(14, 27, 50, 61 et 76)" in result.message
    assert result.details["outside"] == ["75"]


def test_a_project_needs_at_least_one_place():
    assert check("territory.region", application(departements=frozenset())).status == Status.FAIL


def test_the_simulators_other_departement_reads_as_such():
    result = check("territory.region", application(departements=frozenset({"61", "autre"})))

    assert "hors de ce territoire : un autre département" in result.message


# budget ---------------------------------------------------------------------------------------------


def test_an_unbalanced_budget_gives_the_gap():
    result = check("budget.balanced", application(budget=budget(own_funds=Decimal(20_000))))

    assert result.status == Status.FAIL
    assert result.message.startswith(
        f"Le budget n'est pas équilibré : les dépenses (200{NBSP}000{NBSP}€) dépassent les ressources "
        f"(190{NBSP}000{NBSP}€) de 10{NBSP}000{NBSP}€."
    )
    assert result.details == {"expenses": 200000, "resources": 190000, "gap": -10000}


@pytest.mark.parametrize(
    ("grant", "status"),
    [(50_000, Status.PASS), (49_999, Status.WARNING), (200_000, Status.PASS), (200_001, Status.FAIL)],
)
def test_the_grant_range(grant, status):
    facts = application(budget=budget(expenses=Decimal(400_000), requested_grant=Decimal(grant)))

    result = check("budget.grant_range", facts)

    assert result.status == status
    if status == Status.WARNING:
        assert "examinée au cas par cas" in result.message
        assert f"(49{NBSP}999{NBSP}€)" in result.message


def test_a_grant_below_the_minimum_is_only_a_warning():
    facts = application(
        budget=budget(expenses=Decimal(60_000), requested_grant=Decimal(40_000), own_funds=Decimal(0), other_public=0)
    )

    verdict = evaluate(facts, call_rules(), AT)

    assert verdict.result("budget.grant_range").status == Status.WARNING
    assert verdict.eligible


def test_exactly_thirty_percent_of_cofinancing_passes():
    facts = application(budget=budget(requested_grant=Decimal(140_000), own_funds=Decimal(10_000)))

    result = check("budget.cofinancing", facts)

    assert result.status == Status.PASS
    assert result.details["rate"] == 0.3
    assert result.details["floor"] == 0.3
    assert f"atteint 30{NBSP}% du budget (minimum 30{NBSP}%)" in result.message


def test_a_euro_more_of_grant_fails_the_cofinancing_floor_with_the_maximum_grant():
    facts = application(budget=budget(requested_grant=Decimal(140_001)))

    result = check("budget.cofinancing", facts)

    assert result.status == Status.FAIL
    assert f"n'atteint que 29,9{NBSP}%" in result.message
    assert f"ne peut dépasser 140{NBSP}000{NBSP}€" in result.message
    assert result.field == "#budget"


def test_the_committee_may_lower_the_cofinancing_floor():
    facts = application(budget=budget(requested_grant=Decimal(150_000)))

    assert check("budget.cofinancing", facts).status == Status.FAIL
    assert check("budget.cofinancing", facts, call_rules(cofinancing_floor=Decimal("0.20"))).status == Status.PASS


def test_zero_expenses_fail_the_cofinancing_rule_clearly():
    result = check("budget.cofinancing", application(budget=budget(expenses=Decimal(0))))

    assert result.status == Status.FAIL
    assert "Le total des dépenses est nul" in result.message
    assert result.details["rate"] is None


# schedule -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_on", "end_on", "expected"),
    [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31), (12, 0)),
        (dt.date(2024, 1, 15), dt.date(2025, 1, 14), (12, 0)),
        (dt.date(2024, 1, 1), dt.date(2024, 12, 30), (11, 30)),
        (dt.date(2024, 1, 1), dt.date(2026, 12, 31), (36, 0)),
        (dt.date(2024, 1, 1), dt.date(2027, 1, 1), (36, 1)),
        # From the 31st, a month later is the last day of a shorter month.
        (dt.date(2024, 1, 31), dt.date(2024, 2, 28), (1, 0)),
        (dt.date(2024, 1, 31), dt.date(2025, 1, 30), (12, 0)),
        (dt.date(2024, 3, 1), dt.date(2024, 3, 1), (0, 1)),
    ],
)
def test_duration_counts_whole_months_with_both_days_included(start_on, end_on, expected):
    assert duration(start_on, end_on) == expected


@pytest.mark.parametrize(
    ("start_on", "end_on", "status"),
    [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31), Status.PASS),
        (dt.date(2024, 1, 1), dt.date(2024, 12, 30), Status.FAIL),
        (dt.date(2024, 1, 1), dt.date(2026, 12, 31), Status.PASS),
        (dt.date(2024, 1, 1), dt.date(2027, 1, 1), Status.FAIL),
    ],
)
def test_the_project_lasts_from_12_to_36_months(start_on, end_on, status):
    assert check("schedule.duration", application(start_on=start_on, end_on=end_on)).status == status


def test_too_short_a_project_is_told_its_length():
    result = check("schedule.duration", application(start_on=dt.date(2024, 1, 1), end_on=dt.date(2024, 12, 30)))

    assert result.message == "Le projet dure 11 mois et 30 jours : sa durée doit être comprise entre 12 et 36 mois."


@pytest.mark.parametrize(("start_on", "end_on"), [(None, dt.date(2025, 6, 30)), (dt.date(2024, 6, 1), None)])
def test_missing_dates_are_asked_for(start_on, end_on):
    result = check("schedule.duration", application(start_on=start_on, end_on=end_on))

    assert result.status == Status.FAIL
    assert result.message.startswith("Indiquez les dates de début et de fin du projet")
    assert result.field == "#calendrier"


def test_an_end_before_the_start_is_refused():
    result = check("schedule.duration", application(start_on=dt.date(2025, 6, 1), end_on=dt.date(2024, 6, 1)))

    assert result.status == Status.FAIL
    assert "précède la date de début" in result.message


def test_the_project_ends_by_the_end_of_the_programme():
    last_day = application(start_on=dt.date(2025, 1, 1), end_on=dt.date(2026, 12, 31))
    day_after = application(start_on=dt.date(2025, 1, 2), end_on=dt.date(2027, 1, 1))

    assert check("schedule.end", last_day).status == Status.PASS
    result = check("schedule.end", day_after)
    assert result.status == Status.FAIL
    assert "au plus tard le 31 décembre 2026" in result.message


# documents and de minimis ---------------------------------------------------------------------------


def test_documents_are_checked_only_in_a_dossier():
    missing = training_organisation(missing_documents=("Statuts", "RIB"))
    simulator = application(members=[tiers_lieu(missing_documents=()), missing])
    dossier = dataclasses.replace(simulator, check_documents=True)

    assert check("documents.complete", simulator).status == Status.NOT_APPLICABLE
    result = check("documents.complete", dossier)
    assert result.status == Status.FAIL
    assert "« Formations du Bocage » : « Statuts » et « RIB »" in result.message.replace(NBSP, " ")
    complete = dataclasses.replace(dossier, members=(tiers_lieu(missing_documents=()), training_organisation()))
    assert check("documents.complete", complete).status == Status.PASS


def test_a_member_over_the_de_minimis_ceiling_gets_a_warning_only():
    rich = tiers_lieu(de_minimis_received=Decimal(250_000))  # 60 % of 120 000 € = 72 000 €
    verdict = evaluate(application(members=[rich, training_organisation()]), call_rules(), AT)

    result = verdict.result("state_aid.de_minimis")
    assert result.status == Status.WARNING
    assert (
        f"« La Fabrique de Vire » (250{NBSP}000{NBSP}€ déjà reçus + 72{NBSP}000{NBSP}€ de cette subvention "
        f"= 322{NBSP}000{NBSP}€)"
    ) in result.message.replace("«" + NBSP, "« ").replace(NBSP + "»", " »")
    assert verdict.eligible


def test_results_behave_as_plain_rule_results():
    result = check("budget.cofinancing")

    changed = dataclasses.replace(result, message="Autre message")
    assert changed.message == "Autre message"
    assert changed.code == "budget.cofinancing"
    assert result.message.startswith("Le cofinancement atteint 40")
    assert dataclasses.asdict(result)["message"] == result.message
    assert pickle.loads(pickle.dumps(result)) == result  # noqa: S301 - our own bytes
    assert copy.deepcopy(result) == result
    assert result == RuleResult(result.code, result.status, result.message, result.details, result.field)
    assert result != changed


@pytest.mark.parametrize(
    ("since", "today"),
    [
        (dt.date(2023, 2, 15), dt.date(2024, 2, 15)),
        (dt.date(2023, 2, 28), dt.date(2024, 2, 28)),
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28)),
        (dt.date(2023, 3, 31), dt.date(2024, 3, 31)),
        (dt.date(2023, 3, 1), dt.date(2024, 3, 1)),
    ],
)
def test_seniority_is_reached_exactly_twelve_months_later_even_at_month_ends(since, today):
    member = tiers_lieu(created_on=since)
    on_the_day = dt.datetime.combine(today, dt.time(12), tzinfo=PARIS)
    day_before = on_the_day - dt.timedelta(days=1)

    assert check("members.seniority", application(members=[member]), at=on_the_day).status == Status.PASS
    assert check("members.seniority", application(members=[member]), at=day_before).status == Status.FAIL
