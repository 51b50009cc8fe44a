"""Plain-data builders for the engine's facts: a valid application for the Normandy call, then variations."""

import datetime as dt
from dataclasses import asdict, replace
from decimal import Decimal
from zoneinfo import ZoneInfo

from deffinov.eligibility.facts import ApplicationFacts, BudgetFacts, CallRules, MemberFacts
from tests.calls.factories import CRITERIA
from tests.territories.factories import NORMANDY_DEPARTMENTS

PARIS = ZoneInfo("Europe/Paris")
DECLARED = {code: "Nous le faisons depuis 2019." for code, _label in CRITERIA}
# In wave 2 (8 January – 11 March 2024), in Paris.
AT = dt.datetime(2024, 2, 15, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def call_rules(**changes):
    rules = CallRules(
        grant_min=Decimal(50_000),
        grant_max=Decimal(200_000),
        cofinancing_floor=Decimal("0.30"),
        duration_min_months=12,
        duration_max_months=36,
        programme_ends_on=dt.date(2026, 12, 31),
        eligible_departments=frozenset(NORMANDY_DEPARTMENTS),
        criteria=CRITERIA,
        wave_opens_at=dt.datetime(2024, 1, 8, 0, 0, tzinfo=PARIS),
        wave_closes_at=dt.datetime(2024, 3, 11, 23, 59, 59, tzinfo=PARIS),
        wave_title="La vague 2",
    )
    return replace(rules, **changes)


def tiers_lieu(**changes):
    member = MemberFacts(
        name="La Fabrique de Vire",
        siren="123456782",
        kinds=frozenset({"tiers_lieu"}),
        lead=True,
        created_on=dt.date(2018, 5, 1),
        tiers_lieu_criteria=dict(DECLARED),
        grant_share=Decimal("0.6"),
    )
    return replace(member, **changes)


def training_organisation(**changes):
    member = MemberFacts(
        name="Formations du Bocage",
        siren="987654321",
        kinds=frozenset({"organisme_formation"}),
        created_on=dt.date(2010, 9, 1),
        grant_share=Decimal("0.4"),
    )
    return replace(member, **changes)


def partner(number, **changes):
    member = MemberFacts(
        name=f"Partenaire {number}",
        siren=f"55500000{number}",
        kinds=frozenset({"entreprise"}),
        counted=False,
        created_on=dt.date(2000, 1, 1),
    )
    return replace(member, **changes)


def budget(**changes):
    # 200 000 € of expenses, 120 000 € of grant: 40 % cofinancing.
    values = {
        "expenses": Decimal(200_000),
        "requested_grant": Decimal(120_000),
        "own_funds": Decimal(30_000),
        "other_public": Decimal(30_000),
        "private": Decimal(0),
        "in_kind": Decimal(20_000),
    }
    values.update(changes)
    return BudgetFacts(**values)


def application(members=None, **changes):
    facts = ApplicationFacts(
        members=tuple(members) if members is not None else (tiers_lieu(), training_organisation()),
        departements=frozenset({"14"}),
        budget=budget(),
        start_on=dt.date(2024, 6, 1),
        end_on=dt.date(2026, 5, 31),
    )
    return replace(facts, **changes)


def five_members():
    return application(
        members=[
            tiers_lieu(),
            training_organisation(),
            training_organisation(name="CFA du Pays d'Auge", siren="111222333", kinds=frozenset({"cfa"})),
            tiers_lieu(name="Campus connecté de Flers", siren="444555666", lead=False),
            partner(1),
        ]
    )


def consortium(**changes):
    """The API's request body for a valid consortium, in wave 2."""
    body = {
        "wave": "vague-2",
        "at": "2024-03-11T23:59:59+01:00",
        "members": [
            {
                "name": "La Fabrique de Vire",
                "siren": "123456782",
                "kinds": ["tiers_lieu"],
                "lead": True,
                "created_on": "2018-05-01",
                "place_opened_on": None,
                "tiers_lieu_criteria": dict(DECLARED),
                "de_minimis_received": 0,
                "grant_share": 0.6,
            },
            {
                "name": "Formations du Bocage",
                "siren": "987654321",
                "kinds": ["organisme_formation"],
                "counted": True,
                "created_on": "2010-09-01",
                "grant_share": 0.4,
            },
        ],
        "departements": ["14", "61"],
        "budget": {name: int(amount) for name, amount in asdict(budget()).items()},
        "start_on": "2024-06-01",
        "end_on": "2026-05-31",
    }
    body.update(changes)
    return body
