"""Booking rush: 200 people booking the same 20 seats at once through POST /api/v1/bookings.

Exactly 20 must get a seat (201) and 180 a clear refusal (409, in French); the slot is never overbooked. Runs
against PostgreSQL (BOOKINGS_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/deffinov_bench_bookings), which
it drops and recreates, under gunicorn; reports the latency p50 and p99 of the booking requests.
"""

import json
import os
import secrets
import string
import subprocess
import sys
import threading
import time

import httpx
import psycopg

from bench.deadline_rush import recreate_database
from bench.support import ROOT, environment, manage, percentile, serve

DATABASE_URL = os.environ.get("BOOKINGS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/deffinov_bench_bookings")
PEOPLE = 200
SEATS = 20


def prepare(count=PEOPLE):
    """Inside Django, on the bench database: a place, a resource of SEATS seats, its slot tomorrow, and a signed-in
    session for each of `count` learners; prints {"slot": id, "sessions": [...]} as JSON."""
    import datetime as dt

    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from deffinov.accounts.models import User
    from deffinov.bookings import slots
    from deffinov.bookings.models import Resource
    from deffinov.formatting import PARIS
    from deffinov.network.models import Place
    from deffinov.organisations.models import Organisation
    from deffinov.territories.models import Commune, Department, Region

    region = Region.objects.create(code="28", name="Normandie")
    calvados = Department.objects.create(code="14", name="Calvados", region=region)
    vire = Commune.objects.create(code="14762", name="Vire Normandie", department=calvados, postcodes="14500")
    organisation = Organisation.objects.create(
        siret="12345678900011", name="Tiers-lieu du banc", kinds=["tiers_lieu"], commune=vire,
        created_on=dt.date(2015, 1, 1),
    )  # fmt: skip
    place = Place.objects.create(
        organisation=organisation, name="Salle du banc", address="1 rue du Banc", postcode="14500", commune=vire,
        latitude=48.84, longitude=-0.89, opening_hours="Mo-Su 08:00-20:00; PH 08:00-20:00", published=True,
    )  # fmt: skip
    Resource.objects.create(place=place, name="Salle de formation à distance", capacity=SEATS, slot_minutes=60)
    tomorrow = timezone.now().astimezone(PARIS).date() + dt.timedelta(days=1)
    slot = slots.open_slots(place, tomorrow, tomorrow)[0]
    users = User.objects.bulk_create(User(email=f"apprenant{i:03d}@banc.example", password="!") for i in range(count))
    sessions = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)
    print(json.dumps({"slot": slot.pk, "sessions": sessions}))


def rush(base_url, slot, sessions):
    """Every learner books at the same moment (one thread each, released together); latencies and answers."""
    barrier = threading.Barrier(len(sessions))
    latencies, answers, lock = [], {}, threading.Lock()

    def client(session_key):
        token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        with httpx.Client(base_url=base_url, timeout=120) as http:
            barrier.wait()
            started = time.perf_counter()
            response = http.post(
                "/api/v1/bookings",
                json={"slot": slot},
                headers={"X-CSRFToken": token, "Referer": base_url + "/"},
                cookies={"sessionid": session_key, "csrftoken": token},
            )
            elapsed = (time.perf_counter() - started) * 1000
            key = (response.status_code, response.json().get("detail", "") if response.status_code != 201 else "")
            with lock:
                latencies.append(elapsed)
                answers[key] = answers.get(key, 0) + 1

    threads = [threading.Thread(target=client, args=(key,)) for key in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, answers


def outcome(url, slot):
    with psycopg.connect(url) as connection:
        taken, capacity = connection.execute(
            "SELECT taken, capacity FROM bookings_slot WHERE id = %s", [slot]
        ).fetchone()
        live = connection.execute(
            "SELECT count(*) FROM bookings_booking WHERE slot_id = %s AND state <> 'cancelled'", [slot]
        ).fetchone()[0]
    return taken, capacity, live


def run(report):
    recreate_database(DATABASE_URL)
    manage("migrate", "--noinput", database_url=DATABASE_URL)
    prepared = subprocess.run(
        [sys.executable, "-c", "from bench.bookings import prepare; prepare()"],
        cwd=ROOT,
        env=environment(DATABASE_URL, DJANGO_SETTINGS_MODULE="config.settings"),
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(prepared.stdout.strip().splitlines()[-1])
    with serve(database_url=DATABASE_URL, workers=4, threads=4) as base_url:
        latencies, answers = rush(base_url, data["slot"], data["sessions"])
    taken, capacity, live = outcome(DATABASE_URL, data["slot"])
    booked = sum(count for (status, _), count in answers.items() if status == 201)
    full = answers.get((409, "Ce créneau est complet : choisissez-en un autre."), 0)
    report("booking rush: seats booked (must be 20)", booked, "bookings", f"slot {taken}/{capacity}, {live} live")
    report("booking rush: clear refusals « complet » (must be 180)", full, "requests", f"answers {answers}")
    report("booking rush: booking latency p50", percentile(latencies, 0.5), "ms", f"{PEOPLE} concurrent clients")
    report("booking rush: booking latency p99", percentile(latencies, 0.99), "ms", "gunicorn, 4 workers × 4 threads")
    if booked != SEATS or full != PEOPLE - SEATS or taken != SEATS or live != SEATS:
        raise RuntimeError("booking rush: exactly 20 seats booked and 180 refusals « complet » were expected")
