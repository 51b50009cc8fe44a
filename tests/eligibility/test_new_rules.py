"""One cofinancing rule everywhere, the communication cap and the earliest start of a project: plain data only."""

import dataclasses
import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from deffinov.eligibility.engine import RULE_CODES, cofinancing_met, cofinancing_rate, evaluate
from deffinov.eligibility.facts import Status
from deffinov.eligibility.presentation import RULE_TITLES
from deffinov.formatting import percent
from tests.eligibility.builders import AT, application, budget, call_rules

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\xa0"


def check(code, facts=None, rules=None, at=AT):
    return evaluate(facts or application(), rules or call_rules(), at).result(code)


# One cofinancing rule ------------------------------------------------------------------------------


def test_a_grant_of_70_040_on_100_000_of_expenses_fails_and_never_reads_thirty_percent():
    facts = application(
        budget=budget(
            expenses=Decimal(100_000), requested_grant=Decimal(70_040), own_funds=Decimal(29_960), other_public=0,
            in_kind=Decimal(0),
        )
    )  # fmt: skip

    result = check("budget.cofinancing", facts)

    assert not cofinancing_met(Decimal(100_000), Decimal(70_040), Decimal("0.30"))
    assert cofinancing_rate(Decimal(100_000), Decimal(70_040)) == Decimal("0.2996")
    assert result.status == Status.FAIL
    assert f"29,9{NBSP}%" in result.message
    assert f"30{NBSP}%" not in result.message.replace(f"minimum de 30{NBSP}%", "")
    assert percent(cofinancing_rate(100_000, 70_040)) == f"29,9{NBSP}%"


def test_exactly_the_floor_is_met_and_the_rate_is_exact():
    assert cofinancing_met(Decimal(100_000), Decimal(70_000), Decimal("0.30"))
    assert cofinancing_met(Decimal("3"), Decimal("2.1"), Decimal("0.3"))
    assert not cofinancing_met(Decimal("3"), Decimal("2.11"), Decimal("0.3"))
    assert cofinancing_rate(Decimal(3), Decimal(1)) == Decimal(2) / Decimal(3)


def test_without_expenses_there_is_no_rate_and_the_floor_is_not_met():
    assert cofinancing_rate(Decimal(0), Decimal(0)) is None
    assert cofinancing_rate(Decimal(-5), Decimal(0)) is None
    assert not cofinancing_met(Decimal(0), Decimal(0), Decimal(0))


# Communication cap ---------------------------------------------------------------------------------


def test_fourteen_percent_of_communication_fails_the_ten_percent_cap():
    facts = application(budget=budget(communication=Decimal(28_000)))  # 14 % of 200 000 €

    result = check("budget.communication_cap", facts)

    assert result.status == Status.FAIL
    assert not evaluate(facts, call_rules(), AT).eligible
    assert result.message == (
        f"Les dépenses de communication (28{NBSP}000{NBSP}€) dépassent le plafond de l'appel : 10{NBSP}% des "
        f"dépenses éligibles, soit 20{NBSP}000{NBSP}€ pour 200{NBSP}000{NBSP}€ de dépenses. "
        f"Réduisez-les de 8{NBSP}000{NBSP}€."
    )
    assert result.details == {"communication": 28_000, "expenses": 200_000, "cap_rate": 0.1, "cap": 20_000}
    assert result.field == "#budget"


def test_communication_up_to_the_cap_passes_and_the_rate_is_the_calls():
    facts = application(budget=budget(communication=Decimal(20_000)))

    assert check("budget.communication_cap", facts).status == Status.PASS
    stricter = call_rules(communication_cap_rate=Decimal("0.05"))
    assert check("budget.communication_cap", facts, stricter).status == Status.FAIL


def test_no_communication_passes_and_says_the_cap():
    result = check("budget.communication_cap")

    assert result.status == Status.PASS
    assert result.message == (
        f"Aucune dépense de communication n'est prévue (plafond : 10{NBSP}% des dépenses éligibles)."
    )


# Earliest start ------------------------------------------------------------------------------------


def test_a_project_starting_eleven_months_before_submission_fails():
    facts = application(start_on=dt.date(2023, 3, 15), end_on=dt.date(2025, 3, 14))

    result = check("schedule.start", facts)

    assert result.status == Status.FAIL
    assert result.message == (
        "Le projet commence le 15 mars 2023 : il ne peut pas commencer avant le dépôt du dossier "
        "(le 15 février 2024). Reportez sa date de début."
    )
    assert result.details == {"from": "submission", "earliest_on": "2024-02-15", "start_on": "2023-03-15"}
    assert result.field == "#calendrier"


def test_a_project_may_start_on_the_filing_day_in_paris():
    late_evening = dt.datetime(2024, 2, 15, 23, 30, tzinfo=dt.UTC)  # 16 February in Paris
    facts = application(start_on=dt.date(2024, 2, 16), end_on=dt.date(2025, 2, 15))

    assert check("schedule.start", facts, at=late_evening).status == Status.PASS
    earlier = dataclasses.replace(facts, start_on=dt.date(2024, 2, 15))
    assert check("schedule.start", earlier, at=late_evening).status == Status.FAIL


def test_a_resubmission_keeps_the_first_filing_day():
    facts = application(start_on=dt.date(2024, 3, 1), filed_at=dt.datetime(2024, 2, 20, 10, tzinfo=PARIS))

    result = check("schedule.start", facts, at=dt.datetime(2024, 4, 2, tzinfo=PARIS))

    assert result.status == Status.PASS
    assert result.details["earliest_on"] == "2024-02-20"


def test_a_call_may_count_from_the_wave_opening_or_set_no_earliest_start():
    facts = application(start_on=dt.date(2024, 1, 10), end_on=dt.date(2025, 1, 9))

    assert check("schedule.start", facts).status == Status.FAIL
    from_opening = check("schedule.start", facts, call_rules(project_start="wave_opening"))
    assert from_opening.status == Status.PASS
    assert from_opening.details["earliest_on"] == "2024-01-08"
    assert check("schedule.start", facts, call_rules(project_start="any")).status == Status.NOT_APPLICABLE
    before_opening = dataclasses.replace(facts, start_on=dt.date(2024, 1, 7))
    assert check("schedule.start", before_opening, call_rules(project_start="wave_opening")).status == Status.FAIL


def test_without_a_start_date_the_rule_says_from_when():
    result = check("schedule.start", application(start_on=None))

    assert result.status == Status.FAIL
    assert "ne peut pas commencer avant le dépôt du dossier (le 15 février 2024)" in result.message


def test_the_new_codes_sit_beside_their_family():
    codes = list(RULE_CODES)

    assert codes.index("budget.communication_cap") == codes.index("budget.cofinancing") + 1
    assert codes.index("schedule.start") == codes.index("schedule.duration") - 1


@pytest.mark.parametrize("code", ["budget.communication_cap", "schedule.start"])
def test_the_new_rules_pass_for_an_honest_application(code):
    assert check(code).status == Status.PASS


def test_every_rule_has_a_title_on_the_pages():
    assert set(RULE_CODES) <= set(RULE_TITLES)
