"""Deadline rush: 300 complete drafts submitted by 50 concurrent clients, each dossier clicked twice.

Every dossier must end up submitted exactly once, with exactly one receipt task. Runs against
PostgreSQL (DEADLINE_RUSH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/deffinov_rush),
which it drops and recreates.
"""

import json
import os
import queue
import random
import secrets
import string
import subprocess
import sys
import threading
import time

import httpx
import psycopg

from bench.support import ROOT, environment, manage, percentile, serve

DATABASE_URL = os.environ.get("DEADLINE_RUSH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/deffinov_rush")
DOSSIERS = 300
CLIENTS = 50
CLICKS_PER_DOSSIER = 2


def recreate_database(url):
    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(count=DOSSIERS):
    """Run inside Django (a subprocess on the bench database): bulk-create `count` complete, eligible drafts
    and a signed-in session for each lead admin; print [[number, session key], …] as JSON."""
    import datetime as dt
    from decimal import Decimal

    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from stdnum import luhn

    from deffinov.accounts.models import User
    from deffinov.applications.models import (
        Application,
        CriterionDeclaration,
        Document,
        ExpenseLine,
        Participation,
        ResourceLine,
    )
    from deffinov.calls.models import Call, TiersLieuCriterion, Wave
    from deffinov.eligibility.engine import add_months
    from deffinov.organisations.models import Membership, Organisation
    from deffinov.territories.models import Commune, Department, Region

    def siret(n):
        siren = f"98{n:06d}"
        siren += luhn.calc_check_digit(siren)
        return siren + "0001" + luhn.calc_check_digit(siren + "0001")

    region = Region.objects.create(code="28", name="Normandie")
    calvados = Department.objects.create(code="14", name="Calvados", region=region)
    vire = Commune.objects.create(code="14762", name="Vire Normandie", department=calvados, postcodes="14500")
    call = Call.objects.create(
        slug="rush", title="Rush", short_title="Rush", summary=".", objectives=".", who_may_apply="."
    )
    call.eligible_departments.add(calvados)
    call.add_default_form()  # The usual budget categories and required documents.
    criteria = TiersLieuCriterion.objects.bulk_create(
        TiersLieuCriterion(call=call, code=f"c{i}", label=f"Critère {i}", position=i) for i in range(5)
    )
    now = timezone.now()
    wave = Wave.objects.create(
        call=call, number=1, slug="rush", title="Vague du rush", opens_at=now - dt.timedelta(days=60),
        closes_at=now + dt.timedelta(days=1), projects_end_on=dt.date(now.year + 4, 12, 31),
    )  # fmt: skip
    # Twelve months from next week: a project may not start before it is filed.
    start_on = timezone.localdate() + dt.timedelta(days=7)
    end_on = add_months(start_on, 12) - dt.timedelta(days=1)
    common = {"commune": vire, "created_on": dt.date(2015, 1, 1), "latitude": 48.8, "longitude": -0.9}
    leads = Organisation.objects.bulk_create(
        Organisation(siret=siret(2 * i), siren=siret(2 * i)[:9], name=f"Tiers-lieu {i}", kinds=["tiers_lieu"],
                     place_opened_on=dt.date(2016, 1, 1), **common)
        for i in range(count)
    )  # fmt: skip
    partners = Organisation.objects.bulk_create(
        Organisation(siret=siret(2 * i + 1), siren=siret(2 * i + 1)[:9], name=f"Organisme {i}",
                     kinds=["organisme_formation"], **common)
        for i in range(count)
    )  # fmt: skip
    users = User.objects.bulk_create(User(email=f"chef{i}@rush.example", password="!") for i in range(count))
    Membership.objects.bulk_create(
        Membership(user=user, organisation=lead, role="admin") for user, lead in zip(users, leads, strict=True)
    )
    year = now.year
    applications = Application.objects.bulk_create(
        Application(wave=wave, number=f"DEF-{year}-{i + 1:04d}", title=f"Projet {i}", created_by=user,
                    summary="Résumé", publics=["salaries"], pedagogy="Hybride", innovation="Oui", pooling="Oui",
                    spaces="Une salle", start_on=start_on, end_on=end_on)
        for i, user in enumerate(users)
    )  # fmt: skip
    Application.communes.through.objects.bulk_create(
        Application.communes.through(application=application, commune=vire) for application in applications
    )
    lead_participations = Participation.objects.bulk_create(
        Participation(application=a, organisation=o, is_lead=True, status="accepted", grant_share=Decimal("0.6"))
        for a, o in zip(applications, leads, strict=True)
    )
    partner_participations = Participation.objects.bulk_create(
        Participation(application=a, organisation=o, status="accepted", grant_share=Decimal("0.4"))
        for a, o in zip(applications, partners, strict=True)
    )
    CriterionDeclaration.objects.bulk_create(
        CriterionDeclaration(participation=p, criterion=c, justification="Justifié.")
        for p in lead_participations
        for c in criteria
    )
    expenses, resources, documents = [], [], []
    for application, lead, partner in zip(applications, lead_participations, partner_participations, strict=True):
        expenses += [
            ExpenseLine(application=application, participation=lead, category="personnel", label="Animation",
                        amount=100_000),
            ExpenseLine(application=application, participation=partner, category="equipement_pedagogique",
                        label="Ordinateurs", amount=50_000),
        ]  # fmt: skip
        resources += [
            ResourceLine(application=application, kind="requested_grant", label="Région", amount=100_000),
            ResourceLine(application=application, kind="own_funds", label="Fonds propres", amount=50_000),
        ]
        common_kinds = ["statuts", "sirene_kbis", "engagement", "de_minimis"]  # The call's default requirements.
        for participation, kinds in ((lead, [*common_kinds, "rib"]), (partner, common_kinds)):
            documents += [
                Document(application=application, participation=participation, kind=kind, file="dossiers/rush.pdf",
                         original_name=f"{kind}.pdf", size=1000, content_type="application/pdf", sha256="0" * 64)
                for kind in kinds
            ]  # fmt: skip
    ExpenseLine.objects.bulk_create(expenses)
    ResourceLine.objects.bulk_create(resources)
    Document.objects.bulk_create(documents)
    pairs = []
    for application, user in zip(applications, users, strict=True):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        pairs.append([application.number, session.session_key])
    print(json.dumps(pairs))


def submit_all(base_url, pairs):
    """Each dossier twice (a double click), shuffled among the concurrent clients; latencies and statuses."""
    work = queue.Queue()
    jobs = [pair for pair in pairs for _ in range(CLICKS_PER_DOSSIER)]
    random.Random(42).shuffle(jobs)
    for job in jobs:
        work.put(job)
    latencies, statuses, lock = [], {}, threading.Lock()

    def client():
        token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        with httpx.Client(base_url=base_url, timeout=60) as http:
            while True:
                try:
                    number, session_key = work.get_nowait()
                except queue.Empty:
                    return
                started = time.perf_counter()
                response = http.post(
                    f"/dossiers/{number}/deposer/",
                    data={"csrfmiddlewaretoken": token, "sworn": "yes"},
                    cookies={"sessionid": session_key, "csrftoken": token},
                )
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses, time.perf_counter() - started


def outcome(url):
    with psycopg.connect(url) as connection:
        submitted = connection.execute(
            "SELECT count(*) FROM applications_application WHERE state = 'submitted'"
        ).fetchone()[0]
        duplicates = connection.execute(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM applications_applicationtransition "
            "WHERE to_state = 'submitted' GROUP BY application_id) AS t"
        ).fetchone()[0]
        tasks = connection.execute(
            "SELECT count(*), count(DISTINCT args_kwargs::text) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path LIKE '%%send_receipts'"
        ).fetchone()
    return submitted, duplicates, tasks


def run(report):
    recreate_database(DATABASE_URL)
    manage("migrate", "--noinput", database_url=DATABASE_URL)
    prepared = subprocess.run(
        [sys.executable, "-c", "from bench.deadline_rush import prepare; prepare()"],
        cwd=ROOT,
        env=environment(DATABASE_URL, DJANGO_SETTINGS_MODULE="config.settings"),
        check=True,
        capture_output=True,
        text=True,
    )
    pairs = json.loads(prepared.stdout.strip().splitlines()[-1])
    with serve(database_url=DATABASE_URL, workers=4) as base_url:
        latencies, statuses, elapsed = submit_all(base_url, pairs)
    submitted, duplicates, (tasks, distinct_tasks) = outcome(DATABASE_URL)
    report("deadline rush: dossiers submitted", submitted, "dossiers", f"of {len(pairs)}")
    report("deadline rush: duplicate submissions (must be 0)", int(duplicates), "dossiers")
    report("deadline rush: receipt tasks", tasks, "tasks", f"{distinct_tasks} distinct dossiers")
    report("deadline rush: submit requests", len(latencies), "requests", f"statuses {statuses}")
    report("deadline rush: submit latency p50", percentile(latencies, 0.5), "ms", f"{CLIENTS} clients")
    report("deadline rush: submit latency p99", percentile(latencies, 0.99), "ms", f"{CLIENTS} clients")
    report("deadline rush: throughput", len(latencies) / elapsed, "req/s", "gunicorn, 4 workers")
    if submitted != len(pairs) or duplicates or tasks != len(pairs):
        raise RuntimeError("deadline rush: every dossier must be submitted exactly once, with one receipt task")
