"""The demo's payments, made through the real workflow: requests by the lead, two validations, payments.

`load_demo(projects, instructor, finance_officer)` takes countersigned projects keyed by what the demo shows:

- « tranche_1_paid »: the advance paid (the project starts);
- « tranche_2_paid »: the advance and the interim tranche paid;
- « balance »: both paid, the balance requested pro rata of the final statement (awaiting validation);
- « closed »: the balance paid, the project closed;
- « recovery »: a final statement below what was paid: an order to pay back, issued.

Where no report of the reports app exists yet, the tranche due on it is unlocked directly (`schedule.unlock`)."""

from decimal import Decimal

from django.utils import timezone

from deffinov.grants import workflow as projects_workflow
from deffinov.payments import requests, workflow
from deffinov.payments.models import Condition, TrancheState
from deffinov.payments.notifications import lead_admins
from deffinov.payments.requests import budget_lines
from deffinov.payments.schedule import unlock


def statement(project, ratio):
    """Each budget line spent at `ratio` of its plan, to the cent below."""
    return {line.pk: (line.amount * ratio).quantize(Decimal("0.01")) for line in budget_lines(project)}


def pay(project, position, instructor, finance_officer, ratio, reference):
    tranche = project.tranches.get(position=position)
    if tranche.state == TrancheState.LOCKED:
        unlock(project, tranche.condition)
        tranche.refresh_from_db()
    if tranche.state == TrancheState.REQUESTABLE:
        requests.submit(tranche, lead_admins(project)[0], spent=statement(project, ratio), comment="État des dépenses.")
    if tranche.state == TrancheState.REQUESTED:
        workflow.apply(tranche, "instruct", instructor)
        workflow.apply(tranche, "approve", finance_officer)
    if tranche.state == TrancheState.VALIDATED:
        workflow.apply(
            tranche,
            "pay",
            finance_officer,
            engagement=f"EJ-{reference}",
            mandate=f"MDT-{reference}",
            paid_on=timezone.localdate(),
        )
    return tranche


def to_closing(project, instructor):
    project.refresh_from_db()
    if project.state == "running":
        projects_workflow.apply(project, "begin_closing", instructor)
    unlock(project, Condition.FINAL_REPORT_ACCEPTED)


def load_demo(projects, instructor, finance_officer):
    stages = {
        "tranche_1_paid": 1,
        "tranche_2_paid": 2,
        "balance": 2,
        "closed": 2,
        "recovery": 2,
    }
    for key, project in projects.items():
        for position in range(1, stages[key] + 1):
            pay(
                project,
                position,
                instructor,
                finance_officer,
                Decimal("0.4") * position,
                f"{project.number}-{position}",
            )
        if key == "balance":
            to_closing(project, instructor)
            balance = project.tranches.get(is_balance=True)
            if balance.state == TrancheState.REQUESTABLE:
                requests.submit(balance, lead_admins(project)[0], spent=statement(project, Decimal("0.9")))
        elif key == "closed":
            to_closing(project, instructor)
            pay(project, 3, instructor, finance_officer, Decimal(1), f"{project.number}-3")
        elif key == "recovery":
            to_closing(project, instructor)
            pay(project, 3, instructor, finance_officer, Decimal("0.6"), f"{project.number}-3")
