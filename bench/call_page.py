"""The public call page (/appels/<slug>/) against /ping: requests per second under the same load, on SQLite."""

import tempfile
from pathlib import Path

from bench.support import load_tool, manage, serve, server_times, summary, throughput

CALL_PATH = "/appels/normandie-connectee-deffinov/"
SECONDS = 5.0
CONCURRENCY = 20
WORKERS = 2
TARGET_SHARE = 0.5


def prepare(database_url):
    """A fresh database with the communes and the demonstration, as `make run` prepares it."""
    manage("migrate", "--noinput", database_url=database_url)
    manage("load_territories", "--wet-run", database_url=database_url)
    manage("load_demo", "--wet-run", database_url=database_url)


def run(report):
    with tempfile.TemporaryDirectory(prefix="deffinov-bench-") as directory:
        database_url = f"sqlite:///{Path(directory) / 'call_page.sqlite3'}"
        prepare(database_url)
        with serve(database_url=database_url, workers=WORKERS) as base_url:
            call_times = summary(server_times(f"{base_url}{CALL_PATH}", 100))
            # The baseline is measured before and after the page, so a busy machine weighs on both alike.
            ping_before = throughput(f"{base_url}/ping", SECONDS / 2, CONCURRENCY)
            call_rate = throughput(f"{base_url}{CALL_PATH}", SECONDS, CONCURRENCY)
            ping_rate = (ping_before + throughput(f"{base_url}/ping", SECONDS / 2, CONCURRENCY)) / 2
    share = call_rate / ping_rate
    note = f"{WORKERS} workers, {CONCURRENCY} connexions, {SECONDS:g} s, {load_tool()}"
    report(f"SQLite: {CALL_PATH}", call_rate, "req/s", note)
    report("SQLite: /ping", ping_rate, "req/s", note)
    verdict = "ok" if share >= TARGET_SHARE else f"sous la cible de {TARGET_SHARE:.0%}"
    report("SQLite: page de l'appel / ping", share * 100, "%", verdict)
    report(f"SQLite: {CALL_PATH} temps serveur p50", call_times["p50"], "ms")
    report(f"SQLite: {CALL_PATH} temps serveur p95", call_times["p95"], "ms")
