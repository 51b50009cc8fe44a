"""The eligibility engine in process (verdicts/s), and POST /api/v1/eligibility against POST /api/v1/ping."""

import datetime as dt
import gc
import os
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.support import manage, serve, throughput

ENGINE_TARGET = 20_000  # verdicts per second, for a 5-member consortium
SECONDS = 5.0
CONCURRENCY = 4
WORKERS = 2
PARIS = ZoneInfo("Europe/Paris")
CRITERIA = ("ancrage_territorial", "communaute", "gouvernance_partagee", "hybridation", "experimentation")


def five_members():
    """A 5-member consortium: 2 tiers-lieux, an organisme de formation, a CFA, an associated company."""
    declared = dict.fromkeys(CRITERIA, "Depuis 2019, avec les habitants du Bocage.")
    return [
        {
            "name": "La Fabrique de Vire",
            "siren": "123456782",
            "kinds": ["tiers_lieu"],
            "lead": True,
            "created_on": "2018-05-01",
            "tiers_lieu_criteria": declared,
            "grant_share": 0.5,
        },
        {
            "name": "Campus connecté de Flers",
            "siren": "444555666",
            "kinds": ["tiers_lieu", "epn"],
            "created_on": "2016-01-01",
            "place_opened_on": "2021-09-01",
            "tiers_lieu_criteria": declared,
            "grant_share": 0.2,
        },
        {
            "name": "Formations du Bocage",
            "siren": "987654321",
            "kinds": ["organisme_formation"],
            "created_on": "2010-09-01",
            "grant_share": 0.2,
        },
        {
            "name": "CFA du Pays d'Auge",
            "siren": "111222333",
            "kinds": ["cfa"],
            "created_on": "2001-01-01",
            "grant_share": 0.1,
        },
        {
            "name": "Atelier numérique SARL",
            "siren": "555000001",
            "kinds": ["entreprise"],
            "counted": False,
            "created_on": "2012-03-01",
        },
    ]


def request_body(wave=None):
    body = {
        "members": five_members(),
        "departements": ["14", "61"],
        "budget": {
            "expenses": 200000,
            "requested_grant": 120000,
            "own_funds": 30000,
            "other_public": 30000,
            "private": 0,
            "in_kind": 20000,
            "communication": 12000,
        },
        "start_on": "2025-01-01",
        "end_on": "2026-06-30",
    }
    if wave:
        body["wave"] = wave
    return body


def engine_rates():
    """Verdicts per CPU second on varied budgets (no two alike): statuses and details, then every message written.

    CPU time rather than wall time: the machine is shared, and the figure is the engine's cost.
    """
    import django

    os.environ.setdefault("LOG_LEVEL", "WARNING")  # The settings' logging would report every HTTP request.
    django.setup()
    from deffinov.eligibility.engine import evaluate
    from deffinov.eligibility.facts import CallRules
    from deffinov.eligibility.schemas import EligibilityIn

    rules = CallRules(
        grant_min=Decimal(50_000),
        grant_max=Decimal(200_000),
        cofinancing_floor=Decimal("0.30"),
        duration_min_months=12,
        duration_max_months=36,
        programme_ends_on=dt.date(2026, 12, 31),
        eligible_departments=frozenset({"14", "27", "50", "61", "76"}),
        criteria=tuple((code, code.replace("_", " ").capitalize()) for code in CRITERIA),
        wave_opens_at=dt.datetime(2024, 1, 8, tzinfo=PARIS),
        wave_closes_at=dt.datetime(2024, 3, 11, 23, 59, 59, tzinfo=PARIS),
    )
    base = EligibilityIn.model_validate(request_body()).to_facts()
    count = 40_000
    pool = [
        replace(
            base,
            budget=replace(
                base.budget,
                expenses=base.budget.expenses + index,
                own_funds=base.budget.own_funds + index,
                requested_grant=base.budget.requested_grant - index % 97,
            ),
        )
        for index in range(count)
    ]
    at = dt.datetime(2024, 3, 11, 18, 30, tzinfo=PARIS)
    gc.collect()

    def rate(read_messages):
        best = 0.0
        for _ in range(3):
            started = time.process_time()
            for facts in pool:
                verdict = evaluate(facts, rules, at)
                if read_messages:
                    for result in verdict.rules:
                        result.message  # noqa: B018 - written on first read
            best = max(best, count / (time.process_time() - started))
        return best

    assert evaluate(base, rules, at).eligible
    return rate(False), rate(True)


def prepare(database_url):
    manage("migrate", "--noinput", database_url=database_url)
    manage("load_territories", "--wet-run", database_url=database_url)
    manage("load_demo", "--wet-run", database_url=database_url)


def run(report):
    statuses, messages = engine_rates()
    verdict = "ok" if statuses >= ENGINE_TARGET else f"sous la cible de {ENGINE_TARGET:,}".replace(",", " ")
    report("moteur : verdicts/s, 5 membres (statuts et détails)", statuses, "/s", verdict)
    report("moteur : verdicts/s, 5 membres, chaque message écrit", messages, "/s")

    with tempfile.TemporaryDirectory(prefix="deffinov-bench-") as directory:
        database_url = f"sqlite:///{Path(directory) / 'eligibility.sqlite3'}"
        prepare(database_url)
        with serve(database_url=database_url, workers=WORKERS) as base_url:
            body = request_body()
            eligibility = throughput(f"{base_url}/api/v1/eligibility", SECONDS, CONCURRENCY, method="POST", json=body)
            ping = throughput(f"{base_url}/api/v1/ping", SECONDS, CONCURRENCY, method="POST", json=body)
    note = f"{WORKERS} workers, {CONCURRENCY} clients, {SECONDS:g} s, SQLite"
    report("POST /api/v1/eligibility (5 membres)", eligibility, "req/s", note)
    report("POST /api/v1/ping (même corps)", ping, "req/s", note)
    report("éligibilité / ping", eligibility / ping * 100, "%")
