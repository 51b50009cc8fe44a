"""Instruction at scale: the wave list and the XLSX export with 5,000 dossiers.

The wave list is served by gunicorn and measured (server time, p95) side by side with `/ping`, for the
first page and for a filtered, sorted page. The XLSX export: time and peak memory for 5,000 dossiers
against 100, in a fresh process each.

The dossiers are created in bulk in their own database (PostgreSQL `deffinov_bench_export` when it answers,
otherwise a SQLite file), each with two members, a budget, two reviewers' scores on the 7-criterion grid and,
for one in three, a decision. The export runs `manage.py export_applications --format xlsx --output FILE` in a
subprocess that reports its own peak resident memory (VmHWM).
"""

import json
import subprocess
import sys
import tempfile

from bench.support import ROOT, bench_database, environment, manage, serve, server_times, session_cookies, summary

SIZES = {"bench-export-100": 100, "bench-export-5000": 5000}
TARGET_PEAK_MB = 200
TARGET_LIST_P95_MS = 150

MEASURE = """
import json, sys, time
import django
django.setup()
from django.core.management import call_command
started = time.perf_counter()
call_command("export_applications", wave=sys.argv[1], fmt="xlsx", output=sys.argv[2], stderr=open("/dev/null", "w"))
elapsed = time.perf_counter() - started
# VmHWM: this process's own peak resident memory (ru_maxrss may carry the parent's peak across fork/exec).
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": elapsed, "maxrss_kb": peak_kb}))
"""


def measure(url, slug):
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as target:
        result = subprocess.run(
            [sys.executable, "-c", MEASURE, slug, target.name],
            cwd=ROOT,
            env=environment(url),
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        figures["bytes"] = len(target.read())
    return figures


def run(report):
    url, label = bench_database("deffinov_bench_export")
    manage("migrate", "--noinput", database_url=url)
    subprocess.run(
        [sys.executable, "-m", "bench.instruction", "seed"],
        cwd=ROOT,
        env=environment(url),
        check=True,
        capture_output=True,
    )
    measure_wave_list(url, label, report)
    results = {slug: measure(url, slug) for slug in SIZES}
    small, large = results["bench-export-100"], results["bench-export-5000"]
    for slug, figures in results.items():
        count = SIZES[slug]
        report(f"{label}: XLSX export of {count} dossiers, time", figures["seconds"], "s")
        report(f"{label}: XLSX export of {count} dossiers, peak memory", figures["maxrss_kb"] / 1024, "MB")
    growth = (large["maxrss_kb"] - small["maxrss_kb"]) / 1024
    verdict = "OK" if large["maxrss_kb"] / 1024 <= TARGET_PEAK_MB else "AU-DESSUS DE LA CIBLE"
    report(
        f"{label}: peak memory 5000 vs 100 dossiers", growth, "MB", f"cible ≤ {TARGET_PEAK_MB} MB au total : {verdict}"
    )
    report(f"{label}: XLSX size for 5000 dossiers", large["bytes"] / 1024, "KB")


def measure_wave_list(url, label, report):
    cookies = session_cookies(url, "instructeur0@bench.fr")
    pages = {
        "wave list, first page": "/instruction/vagues/bench-export-5000/",
        "wave list, filtered and sorted, page 3": (
            "/instruction/vagues/bench-export-5000/?state=in_review&sort=-amount&q=Projet&page=3"
        ),
    }
    with serve(database_url=url, workers=2) as base:
        baseline = summary(server_times(f"{base}/ping", 200))["p95"]
        report(f"{label}: /ping, p95 server time", baseline, "ms")
        for name, path in pages.items():
            p95 = summary(server_times(f"{base}{path}", 100, cookies=cookies))["p95"]
            verdict = "OK" if p95 <= TARGET_LIST_P95_MS else "AU-DESSUS DE LA CIBLE"
            report(
                f"{label}: {name} (5000 dossiers), p95 server time",
                p95,
                "ms",
                f"{p95 / baseline:.0f} × /ping ; cible ≤ {TARGET_LIST_P95_MS} ms : {verdict}",
            )


def seed():
    """Create the two waves and their dossiers in bulk (once: a second run finds them and stops)."""
    import datetime as dt
    from decimal import Decimal

    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db import transaction
    from django.utils import timezone

    from deffinov.accounts.models import User
    from deffinov.accounts.roles import Role, ensure_role_groups
    from deffinov.applications.models import Application, ExpenseLine, Participation, ResourceLine
    from deffinov.calls.models import Call, Wave
    from deffinov.committee.models import CommitteeSession, Decision, SessionState
    from deffinov.organisations.models import Organisation
    from deffinov.reviews.models import Review, Score, ensure_default_grid
    from deffinov.territories.models import Commune, Department, Region

    if Wave.objects.filter(slug__in=SIZES).count() == len(SIZES):
        return
    now = timezone.now()
    with transaction.atomic():
        region, _ = Region.objects.get_or_create(code="28", defaults={"name": "Normandie"})
        departments = [
            Department.objects.get_or_create(code=code, defaults={"name": name, "region": region})[0]
            for code, name in [
                ("14", "Calvados"),
                ("27", "Eure"),
                ("50", "Manche"),
                ("61", "Orne"),
                ("76", "Seine-Maritime"),
            ]
        ]
        communes = [
            Commune.objects.get_or_create(
                code=f"{d.code}9{n:02d}",
                defaults={"name": f"Commune {d.code}-{n}", "department": d, "latitude": 49, "longitude": 0},
            )[0]
            for d in departments
            for n in range(4)
        ]
        call, _ = Call.objects.get_or_create(
            slug="bench-export",
            defaults={
                "title": "Banc d'essai",
                "short_title": "Banc",
                "summary": ".",
                "objectives": ".",
                "who_may_apply": ".",
            },
        )
        call.eligible_departments.set(departments)
        criteria = ensure_default_grid(call)
        # Instructors of the Region, with the second factor their role requires.
        reviewers = [User.objects.get_or_create(email=f"instructeur{n}@bench.fr")[0] for n in range(2)]
        instructors = ensure_role_groups()[Role.INSTRUCTOR]
        for reviewer in reviewers:
            reviewer.groups.add(instructors)
            TOTP.activate(reviewer, generate_totp_secret())
        organisations = Organisation.objects.bulk_create(
            Organisation(
                siret=f"{900000000 + n:09d}00011",
                siren=f"{900000000 + n:09d}",
                name=f"Structure {n}",
                commune=communes[n % len(communes)],
                created_on=dt.date(2015, 1, 1),
                kinds=["tiers_lieu"],
            )
            for n in range(400)
        )
        serial = 0
        for number, (slug, count) in enumerate(SIZES.items(), start=90):
            wave = Wave.objects.create(
                call=call,
                number=number,
                slug=slug,
                title=f"Vague {slug}",
                opens_at=now - dt.timedelta(days=60),
                closes_at=now - dt.timedelta(days=30),
                envelope=Decimal(2_900_000),
            )
            applications = Application.objects.bulk_create(
                Application(
                    wave=wave,
                    number=f"DEF-2099-{serial + n:05d}",
                    title=f"Projet {serial + n}",
                    state="in_review",
                    submitted_at=now - dt.timedelta(days=40),
                    eligibility_at_submission={"eligible": True, "rules": []},
                )
                for n in range(count)
            )
            serial += count
            participations = Participation.objects.bulk_create(
                Participation(
                    application=application,
                    organisation=organisations[(i + k) % len(organisations)],
                    is_lead=k == 0,
                    status="accepted",
                    role="member",
                )
                for i, application in enumerate(applications)
                for k in range(2)
            )
            ExpenseLine.objects.bulk_create(
                ExpenseLine(
                    application_id=p.application_id,
                    participation=p,
                    category="personnel",
                    label="Équipe",
                    amount=Decimal(75_000),
                )
                for p in participations
            )
            ResourceLine.objects.bulk_create(
                ResourceLine(application=a, kind=kind, label=kind, amount=amount)
                for a in applications
                for kind, amount in (("requested_grant", Decimal(100_000)), ("own_funds", Decimal(50_000)))
            )
            reviews = Review.objects.bulk_create(
                Review(application=a, reviewer=reviewer) for a in applications for reviewer in reviewers
            )
            Score.objects.bulk_create(
                Score(review=review, criterion=criterion, value=(i + j) % 6)
                for i, review in enumerate(reviews)
                for j, criterion in enumerate(criteria)
            )
            # Decisions recorded in a session that took place, not yet validated (the dossiers stay in review).
            session = CommitteeSession.objects.create(
                wave=wave, date=now - dt.timedelta(days=1), title="Séance de mesure", state=SessionState.HELD
            )
            Decision.objects.bulk_create(
                Decision(application=a, session=session, outcome="accepted", amount_granted=Decimal(90_000))
                for a in applications[::3]
            )


if __name__ == "__main__" and sys.argv[1:] == ["seed"]:
    seed()
