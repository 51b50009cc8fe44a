"""The demonstration's laureates: seven dossiers of the demonstration wave accepted by a committee session whose
decisions are validated, so that each becomes a funded project, then brought through the real workflows of
conventions, payments and reports to one state each. Idempotent: run it as often as the demo is loaded."""

from decimal import Decimal

from django.db import transaction

from deffinov.accounts.models import User
from deffinov.calls.models import Wave
from deffinov.committee.demo import decide_in_session, in_review
from deffinov.demo.applications import DEMO_WAVE_SLUG
from deffinov.grants import demo as conventions
from deffinov.grants.models import FundedProject
from deffinov.payments import demo as payments
from deffinov.reports import demo as reports

SESSION_TITLE = "Comité de sélection – lauréats (démo)"
# (stage, title, amount granted): the stage each project is brought to.
LAUREATES = (
    ("convention_to_sign", "Fablab rural du Mortainais (démo)", Decimal(70_000)),
    ("signed", "Micro-campus du Val de Saire (démo)", Decimal(62_000)),
    ("tranche_1_paid", "Campus connecté du Pays d'Auge (démo)", Decimal(68_000)),
    ("interim_submitted", "Atelier numérique de la Hague (démo)", Decimal(65_000)),
    ("tranche_2_paid", "Tiers-lieu apprenant des Andelys (démo)", Decimal(70_000)),
    ("balance", "Espace de compétences du Perche (démo)", Decimal(60_000)),
    ("closed", "Bocage apprenant (démo)", Decimal(55_000)),
    ("terminated", "La Forge numérique de Fécamp (démo)", Decimal(50_000)),
)


def load_demo_laureates(stdout):
    """The funded projects of the demonstration, by stage (their convention still to sign)."""
    wave = Wave.objects.select_related("call").get(slug=DEMO_WAVE_SLUG)
    candidate = User.objects.get(email="candidat@demo.deffinov.fr")
    instructor = User.objects.get(email="instructeur@demo.deffinov.fr")
    with transaction.atomic():
        dossiers = {stage: in_review(wave, title, candidate, instructor, stdout) for stage, title, _ in LAUREATES}
        decisions = [(dossiers[stage], "accepted", amount, "") for stage, _, amount in LAUREATES]
        decide_in_session(wave, instructor, decisions, title=SESSION_TITLE, days_ago=2, stdout=stdout)
        projects = {
            stage: FundedProject.objects.filter(application=application).first()
            for stage, application in dossiers.items()
        }
    for stage, project in projects.items():
        if project is None:
            stdout.write(f"Lauréat « {stage} » : aucun projet financé (décision non validée).")
    return {stage: project for stage, project in projects.items() if project is not None}


def load_demo_grants(stdout):
    """The laureates, each brought to its stage: convention to sign; signed, advance not requested yet; advance
    paid; interim report handed in; interim tranche paid; final report accepted and the balance requested pro rata;
    closed; terminated with the overpaid share to pay back. Reports come before payments: an accepted report unlocks
    its tranche."""
    projects = load_demo_laureates(stdout)
    functional_admin = User.objects.get(email="fonctionnel@demo.deffinov.fr")
    instructor = User.objects.get(email="instructeur@demo.deffinov.fr")
    finance_officer = User.objects.get(email="finances@demo.deffinov.fr")
    with transaction.atomic():
        conventions.load_demo(projects, functional_admin)
        picked = {stage: projects[stage] for stage in projects}
        for stages in (
            {
                "interim_submitted": "interim_submitted",
                "tranche_2_paid": "interim_accepted",
                "balance": "final_accepted",
            },
            {"closed": "final_accepted"},
        ):
            reports.load_demo({report: picked[stage] for stage, report in stages.items() if stage in picked})
        paid = ("tranche_1_paid", "interim_submitted", "tranche_2_paid", "balance", "closed", "terminated")
        for stage in paid:
            if stage in picked:
                payments.load_demo({PAYMENT_STAGE.get(stage, stage): picked[stage]}, instructor, finance_officer)
        if "terminated" in picked:
            conventions.terminate(picked["terminated"], functional_admin)
    for stage, project in projects.items():
        project.refresh_from_db()
        stdout.write(f"Projet financé {project.number} ({stage}) : {project.get_state_display().lower()}.")
    return projects


# The payments' demo stage of each laureate (the advance only, where the laureate's own stage is not a payment's).
PAYMENT_STAGE = {"interim_submitted": "tranche_1_paid", "terminated": "tranche_1_paid"}
