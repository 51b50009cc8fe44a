"""Funded projects at scale: the programme dashboard with 10 waves × 1,000 funded projects.

The dashboard is served by gunicorn and measured (server time, p50 and p95) side by side with `/ping`, logged in
as an instructor. Its queries do not depend on the number of projects (a test asserts it); this shows what the
aggregation costs. The projects are created in bulk in their own database (PostgreSQL `deffinov_bench_grants`
when it answers, otherwise a SQLite file): each with a lead in one of 20 communes, a validated acceptance and its
three tranches, the advance paid for half of them.
"""

import subprocess
import sys

from bench.support import ROOT, bench_database, environment, manage, serve, server_times, session_cookies, summary

DATABASE = "deffinov_bench_grants"
WAVES = 10
PROJECTS_PER_WAVE = 1000


def run(report):
    url, label = bench_database(DATABASE)
    manage("migrate", "--noinput", database_url=url)
    subprocess.run([sys.executable, "-m", "bench.grants", "seed"], cwd=ROOT, env=environment(url), check=True)
    cookies = session_cookies(url, "instructeur@bench-grants.fr")
    total = WAVES * PROJECTS_PER_WAVE
    with serve(database_url=url, workers=2) as base:
        baseline = summary(server_times(f"{base}/ping", 200))
        report(f"{label}: /ping, p95 server time", baseline["p95"], "ms")
        for name, path in {
            "dashboard": "/tableau-de-bord/",
            "public page of the projects": "/projets-soutenus/",
        }.items():
            figures = summary(server_times(f"{base}{path}", 40, warmup=5, cookies=cookies))
            report(
                f"{label}: {name} ({total} projects), p50 server time",
                figures["p50"],
                "ms",
                f"{figures['p50'] / baseline['p50']:.0f} × /ping",
            )
            report(
                f"{label}: {name} ({total} projects), p95 server time",
                figures["p95"],
                "ms",
                f"{figures['p95'] / baseline['p95']:.0f} × /ping",
            )


def seed():
    """Create the waves, their dossiers, decisions, projects and tranches in bulk (once)."""
    import datetime as dt
    from decimal import Decimal

    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db import transaction
    from django.utils import timezone

    from deffinov.accounts.models import User
    from deffinov.accounts.roles import Role, ensure_role_groups
    from deffinov.applications.models import Application, Participation
    from deffinov.calls.models import Call, Wave
    from deffinov.committee.models import CommitteeSession, Decision, SessionState
    from deffinov.grants.models import FundedProject, ProjectState
    from deffinov.organisations.models import Organisation
    from deffinov.payments.models import Tranche, TrancheState
    from deffinov.payments.schedule import ensure_default_steps, split
    from deffinov.territories.models import Commune, Department, Region

    if Wave.objects.filter(slug__startswith="bench-grants-").count() == WAVES:
        return
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        instructor, _ = User.objects.get_or_create(email="instructeur@bench-grants.fr")
        instructor.groups.add(ensure_role_groups()[Role.INSTRUCTOR])
        TOTP.activate(instructor, generate_totp_secret())
        region, _ = Region.objects.get_or_create(code="28", defaults={"name": "Normandie"})
        places = [
            ("14", "Calvados", 49.0, -0.4),
            ("27", "Eure", 49.1, 1.1),
            ("50", "Manche", 49.1, -1.3),
            ("61", "Orne", 48.6, 0.1),
            ("76", "Seine-Maritime", 49.6, 1.0),
        ]
        communes = []
        for code, name, latitude, longitude in places:
            department = Department.objects.get_or_create(code=code, defaults={"name": name, "region": region})[0]
            communes += [
                Commune.objects.get_or_create(
                    code=f"{code}8{n:02d}",
                    defaults={
                        "name": f"Commune {code}-{n}",
                        "department": department,
                        "latitude": latitude + n / 20,
                        "longitude": longitude + n / 20,
                    },
                )[0]
                for n in range(4)
            ]
        call, _ = Call.objects.get_or_create(
            slug="bench-grants",
            defaults={
                "title": "Banc d'essai",
                "short_title": "Banc",
                "summary": ".",
                "objectives": ".",
                "who_may_apply": ".",
            },
        )
        steps = ensure_default_steps(call)
        organisations = Organisation.objects.bulk_create(
            Organisation(
                siret=f"{800000000 + n:09d}00011",
                siren=f"{800000000 + n:09d}",
                name=f"Structure {n}",
                commune=communes[n % len(communes)],
                created_on=dt.date(2015, 1, 1),
                kinds=["tiers_lieu"],
            )
            for n in range(500)
        )
        serial = 0
        for number in range(1, WAVES + 1):
            wave = Wave.objects.create(
                call=call,
                number=80 + number,
                slug=f"bench-grants-{number}",
                title=f"Vague de mesure {number}",
                opens_at=now - dt.timedelta(days=400),
                closes_at=now - dt.timedelta(days=300),
                envelope=Decimal(100_000_000),
            )
            applications = Application.objects.bulk_create(
                Application(
                    wave=wave,
                    number=f"DEF-2098-{serial + n:05d}",
                    title=f"Projet financé {serial + n}",
                    state="accepted",
                    submitted_at=now - dt.timedelta(days=310),
                    start_on=today,
                    end_on=today + dt.timedelta(days=700),
                )
                for n in range(PROJECTS_PER_WAVE)
            )
            serial += PROJECTS_PER_WAVE
            Participation.objects.bulk_create(
                Participation(
                    application=application,
                    organisation=organisations[(i + k) % len(organisations)],
                    is_lead=k == 0,
                    status="accepted",
                    role="member",
                    grant_share=Decimal("0.5"),
                )
                for i, application in enumerate(applications)
                for k in range(2)
            )
            session = CommitteeSession.objects.create(
                wave=wave,
                date=now - dt.timedelta(days=200),
                title="Séance de mesure",
                state=SessionState.VALIDATED,
                deliberation_reference="CP-MESURE",
                deliberation_date=today - dt.timedelta(days=190),
                validated_at=now,
            )
            decisions = Decision.objects.bulk_create(
                Decision(application=a, session=session, outcome="accepted", amount_granted=Decimal(90_000))
                for a in applications
            )
            projects = FundedProject.objects.bulk_create(
                FundedProject(
                    application=d.application,
                    decision=d,
                    amount_granted=d.amount_granted,
                    state=ProjectState.RUNNING if i % 2 else ProjectState.SIGNED,
                    starts_on=today,
                    ends_on=today + dt.timedelta(days=700),
                    convention_date=today - dt.timedelta(days=100),
                )
                for i, d in enumerate(decisions)
            )
            shares = [step.percentage for step in steps]
            Tranche.objects.bulk_create(
                Tranche(
                    project=project,
                    position=step.position,
                    label=step.label,
                    percentage=step.percentage,
                    amount=amount,
                    condition=step.condition,
                    is_balance=step.is_balance,
                    state=TrancheState.PAID if (step.position == 1 and i % 2) else TrancheState.LOCKED,
                    amount_paid=amount if (step.position == 1 and i % 2) else None,
                    paid_on=today if (step.position == 1 and i % 2) else None,
                )
                for i, project in enumerate(projects)
                for step, amount in zip(steps, split(project.amount_granted, shares), strict=True)
            )
    # What autovacuum does after a bulk load: the planner reads fresh statistics.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__" and sys.argv[1:] == ["seed"]:
    seed()
