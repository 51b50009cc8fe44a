"""Commune autocomplete (/api/v1/communes?q=…) against /ping, server time p50/p95, on SQLite and PostgreSQL."""

from urllib.parse import urlencode

import psycopg

from bench.support import ROOT, manage, serve, server_times, summary

QUERIES = ["ca", "cae", "vire", "14000", "saint", "rou", "le havre", "50100"]
REQUESTS_PER_QUERY = 50
TARGET_P95_MS = 20.0
DATABASES = {
    "SQLite": f"sqlite:///{ROOT / 'var' / 'bench-communes.sqlite3'}",
    "PostgreSQL": "postgres://postgres@127.0.0.1:5432/deffinov_bench",
}


def create_postgres_database(name="deffinov_bench"):
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare(database_url):
    (ROOT / "var").mkdir(exist_ok=True)
    if database_url.startswith("postgres"):
        create_postgres_database()
    manage("migrate", "--noinput", database_url=database_url)
    manage("load_territories", "--wet-run", database_url=database_url)


def autocomplete_times(base_url):
    times = []
    for query in QUERIES:
        url = f"{base_url}/api/v1/communes?{urlencode({'q': query, 'limit': 10})}"
        times += server_times(url, REQUESTS_PER_QUERY, warmup=5)
    return times


def run(report):
    for label, database_url in DATABASES.items():
        try:
            prepare(database_url)
        except (psycopg.OperationalError, OSError) as error:
            report(f"{label}: autocomplete p95", float("nan"), "ms", f"base indisponible ({error})")
            continue
        with serve(database_url=database_url) as base_url:
            communes = summary(autocomplete_times(base_url))
            ping = summary(server_times(f"{base_url}/ping", REQUESTS_PER_QUERY * len(QUERIES)))
        verdict = "ok" if communes["p95"] <= TARGET_P95_MS else f"au-dessus de la cible de {TARGET_P95_MS:g} ms"
        report(f"{label}: /api/v1/communes?q=… p50", communes["p50"], "ms", f"{len(QUERIES)} requêtes types")
        report(f"{label}: /api/v1/communes?q=… p95", communes["p95"], "ms", verdict)
        report(f"{label}: /ping p50", ping["p50"], "ms")
        report(f"{label}: /ping p95", ping["p95"], "ms")
        report(f"{label}: p95 autocomplete / p95 ping", communes["p95"] / ping["p95"], "x")
