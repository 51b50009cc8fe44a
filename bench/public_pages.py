"""Every public GET page against /ping under gunicorn (2 workers): requests per second and their share of /ping."""

import tempfile
from pathlib import Path

from bench.call_page import CONCURRENCY, SECONDS, WORKERS, prepare
from bench.support import load_tool, serve, server_times, summary, throughput

# (name, path, the share of /ping each must reach)
PAGES = [
    ("accueil", "/", 0.5),
    ("page de l'appel", "/appels/normandie-connectee-deffinov/", 0.5),
    ("API des appels", "/api/v1/calls", 0.5),
    ("simulateur", "/eligibilite/simulateur/", 0.25),
]


def run(report):
    with tempfile.TemporaryDirectory(prefix="deffinov-bench-") as directory:
        database_url = f"sqlite:///{Path(directory) / 'public_pages.sqlite3'}"
        prepare(database_url)
        with serve(database_url=database_url, workers=WORKERS) as base_url:
            times = {path: summary(server_times(f"{base_url}{path}", 50)) for _, path, _ in PAGES}
            rates, pings = {}, []
            # /ping is measured between the pages, so a busy machine weighs on the baseline as on the pages.
            for _, path, _ in PAGES:
                pings.append(throughput(f"{base_url}/ping", SECONDS / 2, CONCURRENCY))
                rates[path] = throughput(f"{base_url}{path}", SECONDS, CONCURRENCY)
            pings.append(throughput(f"{base_url}/ping", SECONDS / 2, CONCURRENCY))
    ping_rate = sum(pings) / len(pings)
    note = f"{WORKERS} workers, {CONCURRENCY} connexions, {SECONDS:g} s, {load_tool()}"
    report("SQLite: /ping", ping_rate, "req/s", f"{note}; de {min(pings):.0f} à {max(pings):.0f}")
    for name, path, target in PAGES:
        share = rates[path] / ping_rate
        verdict = "ok" if share >= target else f"sous la cible de {target:.0%}"
        report(f"SQLite: {name} ({path})", rates[path], "req/s")
        report(f"SQLite: {name} / ping", share * 100, "%", f"cible {target:.0%} : {verdict}")
        report(f"SQLite: {name}, temps serveur p50 / p95", times[path]["p50"], "ms", f"p95 {times[path]['p95']:.1f} ms")
