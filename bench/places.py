"""Geo search of places: 100,000 places across France, GET /api/v1/places around a commune against /ping.

The places are generated once in their own database (PostgreSQL `deffinov_bench_places` when it answers, otherwise
a SQLite file), spread over every French commune with a fixed random seed, each a few hundred metres from its
commune's centre. The search is served by gunicorn and measured (server time, p50 and p95) for cities and rural
communes, at radii of 10, 30 and 100 km, and the public page of the search at 30 km. Target: p95 ≤ 50 ms on
PostgreSQL (docs/adr/005-geo-search.md).
"""

import subprocess
import sys
from urllib.parse import urlencode

from bench.support import ROOT, bench_database, environment, manage, serve, server_times, summary

PLACES = 100_000
STRUCTURES = 2_000
TARGET_P95_MS = 50.0
REQUESTS = 30
# Paris, Lyon, Caen, Vire Normandie, Mende (Lozère), Ajaccio.
COMMUNES = ["75056", "69123", "14118", "14762", "48095", "2A004"]
RADII = [10, 30, 100]


def run(report):
    url, label = bench_database("deffinov_bench_places")
    manage("migrate", "--noinput", database_url=url)
    subprocess.run([sys.executable, "-m", "bench.places", "seed"], cwd=ROOT, env=environment(url), check=True)
    with serve(database_url=url, workers=2) as base:
        api = {
            radius: [f"{base}/api/v1/places?{urlencode({'commune': code, 'radius_km': radius})}" for code in COMMUNES]
            for radius in RADII
        }
        pages = [f"{base}/lieux/?{urlencode({'commune': code, 'rayon': 30})}" for code in COMMUNES]
        # Both workers warm (imports, caches, the database's buffers) before anything is measured.
        for url in [url for urls in api.values() for url in urls] + pages:
            server_times(url, 1, warmup=10)
        baseline = summary(server_times(f"{base}/ping", 200))
        report(f"{label}: /ping, p95 server time", baseline["p95"], "ms")
        for radius in RADII:
            times = []
            for url in api[radius]:
                times += server_times(url, REQUESTS, warmup=0)
            figures = summary(times)
            for stat in ("p50", "p95"):
                report(
                    f"{label}: /api/v1/places, {radius} km ({PLACES} places), {stat} server time",
                    figures[stat],
                    "ms",
                    f"{figures[stat] / baseline[stat]:.0f} × /ping"
                    + (f", target ≤ {TARGET_P95_MS:.0f} ms" if stat == "p95" else ""),
                )
        times = []
        for url in pages:
            times += server_times(url, REQUESTS, warmup=0)
        figures = summary(times)
        report(
            f"{label}: public search page, 30 km, p95 server time",
            figures["p95"],
            "ms",
            f"{figures['p95'] / baseline['p95']:.0f} × /ping",
        )


def seed():
    """All French communes, STRUCTURES structures and PLACES places in bulk (once), then the statistics."""
    import django

    django.setup()
    from django.db import connection

    from deffinov.network.models import Place

    if Place.objects.filter(identifier__startswith="bench-").count() < PLACES:
        generate()
    # As autovacuum does on a live database: statistics for the planner, a visibility map for index-only scans.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE network_place" if connection.vendor == "postgresql" else "ANALYZE")


def generate():
    import datetime as dt
    import random

    from django.core.management import call_command
    from django.db import transaction

    from deffinov.network.models import Place
    from deffinov.network.vocabulary import PlaceKind, Service
    from deffinov.organisations.models import Organisation
    from deffinov.territories.models import Commune

    if Commune.objects.count() < 30_000:
        call_command("load_territories", "--wet-run", verbosity=0)
    rng = random.Random(20261130)
    communes = list(Commune.objects.exclude(latitude=None).values_list("code", "latitude", "longitude", "postcodes"))
    hours = [
        "Mo-Fr 09:00-12:00,14:00-18:00; PH off",
        "Tu-Sa 10:00-18:00",
        "Mo-Fr 08:30-19:00; Sa 09:00-13:00",
        "We 14:00-18:00; Sa 10:00-12:00",
    ]
    kinds, services = PlaceKind.values, Service.values
    with transaction.atomic():
        Place.objects.filter(identifier__startswith="bench-").delete()
        Organisation.objects.filter(siret__startswith="7").delete()
        organisations = Organisation.objects.bulk_create(
            Organisation(
                siret=f"7{n:08d}00011",
                siren=f"7{n:08d}",
                name=f"Structure {n}",
                commune_id=communes[n % len(communes)][0],
                created_on=dt.date(2015, 1, 1),
                kinds=["tiers_lieu"],
            )
            for n in range(STRUCTURES)
        )
        batch = []
        for n in range(PLACES):
            code, latitude, longitude, postcodes = rng.choice(communes)
            batch.append(
                Place(
                    identifier=f"bench-{n}",
                    organisation=organisations[n % STRUCTURES],
                    name=f"Lieu {n}",
                    address=f"{n % 90 + 1} rue de la Gare",
                    postcode=(postcodes.split() or ["00000"])[0],
                    commune_id=code,
                    latitude=float(latitude) + rng.uniform(-0.02, 0.02),
                    longitude=float(longitude) + rng.uniform(-0.02, 0.02),
                    kinds=rng.sample(kinds, 1),
                    services=rng.sample(services, 2),
                    opening_hours=rng.choice(hours),
                    visio_room=rng.random() < 0.3,
                    computers=rng.choice([0, 2, 6, 10]),
                    internet=True,
                    published=rng.random() < 0.9,
                )
            )
            if len(batch) == 5000:
                Place.objects.bulk_create(batch)
                batch = []
        Place.objects.bulk_create(batch)


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        seed()
