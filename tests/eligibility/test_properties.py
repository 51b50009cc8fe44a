"""Properties of the engine over everything the API's schema accepts (hypothesis): it never raises, and its
verdict is monotone in cofinancing and in the number of members."""

import dataclasses
import datetime as dt
import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deffinov.eligibility.engine import RULE_CODES, evaluate
from deffinov.eligibility.facts import ApplicationFacts, BudgetFacts, MemberFacts, ProjectStart, Status
from deffinov.eligibility.schemas import EARLIEST_DATE, LATEST_DATE, MAX_AMOUNT
from deffinov.organisations.kinds import Kind
from tests.calls.factories import CRITERIA
from tests.eligibility.builders import application, budget, call_rules

PROPERTIES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
CRITERION_CODES = [code for code, _label in CRITERIA]

dates = st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE)
optional_dates = st.none() | dates
amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, allow_nan=False, allow_infinity=False, places=4)
shares = st.decimals(min_value=0, max_value=1, allow_nan=False, allow_infinity=False, places=3)
sirens = st.from_regex(r"\A[0-9]{9}\Z")
departements = st.from_regex(r"\A([0-9]{2}|2[AB]|97[0-9])\Z")
# Any instant whose day lies in the window, at any offset the schema accepts (± 14 h).
instants = st.builds(
    lambda day, seconds, minutes: (
        dt.datetime.combine(day, dt.time()).replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))
        + dt.timedelta(seconds=seconds)
    ),
    dates,
    st.integers(0, 86_399),
    st.integers(-14 * 60, 14 * 60),
)

members = st.builds(
    MemberFacts,
    name=st.text(max_size=20),
    siren=sirens,
    kinds=st.frozensets(st.sampled_from([str(kind) for kind in Kind]), min_size=1),
    counted=st.booleans(),
    lead=st.booleans(),
    created_on=optional_dates,
    place_opened_on=optional_dates,
    tiers_lieu_criteria=st.dictionaries(st.sampled_from(CRITERION_CODES), st.text(max_size=10)),
    de_minimis_received=amounts,
    grant_share=shares,
)
budgets = st.builds(
    BudgetFacts,
    expenses=amounts,
    requested_grant=amounts,
    own_funds=amounts,
    other_public=amounts,
    private=amounts,
    in_kind=amounts,
    communication=amounts,
)
applications = st.builds(
    ApplicationFacts,
    members=st.lists(members, max_size=8).map(tuple),
    departements=st.frozensets(departements, max_size=6),
    budget=budgets,
    start_on=optional_dates,
    end_on=optional_dates,
)
rules = st.builds(
    call_rules,
    project_start=st.sampled_from([str(mode) for mode in ProjectStart]),
    communication_cap_rate=st.decimals(min_value=0, max_value=1, places=3),
)


@PROPERTIES
@given(facts=applications, call=rules, at=instants, filed_at=st.none() | instants)
def test_the_engine_never_raises_and_always_explains(facts, call, at, filed_at):
    verdict = evaluate(dataclasses.replace(facts, filed_at=filed_at), call, at)

    assert [result.code for result in verdict.rules] == list(RULE_CODES)
    document = json.loads(json.dumps(verdict.as_dict()))
    assert all(rule["message"] for rule in document["rules"])
    assert verdict.eligible == all(result.status != Status.FAIL for result in verdict.rules)


def cofinancing_passes(facts, call, at):
    return evaluate(facts, call, at).result("budget.cofinancing").status == Status.PASS


@PROPERTIES
@given(facts=applications, call=rules, at=instants, shift=st.decimals(min_value=0, max_value=1, places=3))
def test_replacing_grant_by_own_funds_never_breaks_cofinancing_or_eligibility(facts, call, at, shift):
    before = facts.budget
    moved = (before.requested_grant * shift).quantize(Decimal("0.01"))
    after = dataclasses.replace(
        before, requested_grant=before.requested_grant - moved, own_funds=before.own_funds + moved
    )
    more_own_funds = dataclasses.replace(facts, budget=after)

    if cofinancing_passes(facts, call, at):
        assert cofinancing_passes(more_own_funds, call, at)
    if evaluate(facts, call, at).eligible:
        assert evaluate(more_own_funds, call, at).eligible


@PROPERTIES
@given(facts=applications, call=rules, at=instants, extra=amounts)
def test_own_funds_paying_for_more_expenses_never_break_cofinancing(facts, call, at, extra):
    before = facts.budget
    after = dataclasses.replace(before, expenses=before.expenses + extra, own_funds=before.own_funds + extra)
    more_own_funds = dataclasses.replace(facts, budget=after)

    if cofinancing_passes(facts, call, at):
        assert cofinancing_passes(more_own_funds, call, at)
    if evaluate(facts, call, at).eligible:
        assert evaluate(more_own_funds, call, at).eligible


COMPOSITION = ("composition.tiers_lieu", "composition.training_actor", "composition.distinct_members")


@PROPERTIES
@given(facts=applications, call=rules, at=instants, kinds=st.frozensets(st.sampled_from(list(Kind)), min_size=1))
def test_adding_a_complete_member_never_breaks_composition(facts, call, at, kinds):
    used = {member.siren for member in facts.members}
    siren = next(f"{number:09d}" for number in range(1, 100) if f"{number:09d}" not in used)
    newcomer = MemberFacts(
        name="Nouveau membre",
        siren=siren,
        kinds=frozenset(str(kind) for kind in kinds),
        created_on=dt.date(1950, 1, 1),
        tiers_lieu_criteria=dict.fromkeys(CRITERION_CODES, "Pratiqué depuis longtemps."),
    )
    larger = dataclasses.replace(facts, members=(*facts.members, newcomer))

    before, after = evaluate(facts, call, at), evaluate(larger, call, at)

    for code in COMPOSITION:
        if before.result(code).status == Status.PASS:
            assert after.result(code).status == Status.PASS, code


def test_an_honest_application_is_eligible_under_every_earliest_start():
    for mode in ProjectStart:
        assert evaluate(
            application(budget=budget()),
            call_rules(project_start=str(mode)),
            dt.datetime(2024, 2, 15, 10, tzinfo=dt.UTC),
        ).eligible
