"""Payments reached through the real path: requested by the lead, validated at both levels, paid."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from deffinov.payments import requests, workflow
from deffinov.payments.models import Condition
from deffinov.payments.schedule import unlock


def spent_as(project, *amounts):
    """The statement: each budget line of the dossier (in order) spent `amounts`."""
    lines = requests.budget_lines(project)
    return {line.pk: Decimal(amount) for line, amount in zip(lines, amounts, strict=True)}


def tranche(project, position):
    return project.tranches.get(position=position)


def paid(project, position, lead_admin, instructor, finance_officer, spent=(0, 0), amount=None):
    """Request, validate at both levels and pay the tranche at `position`."""
    t = tranche(project, position)
    assert requests.submit(t, lead_admin, amount=amount, spent=spent_as(project, *spent), comment="")
    assert workflow.apply(t, "instruct", instructor)
    assert workflow.apply(t, "approve", finance_officer)
    if t.state == "validated":
        assert workflow.apply(
            t, "pay", finance_officer, engagement="EJ-2026-001", mandate="M-4512", paid_on=timezone.localdate()
        )
    t.refresh_from_db()
    return t


def interim_accepted(project):
    """The interim report is accepted (reports app): the second tranche unlocks."""
    return unlock(project, Condition.INTERIM_REPORT_ACCEPTED)


def final_accepted(project):
    return unlock(project, Condition.FINAL_REPORT_ACCEPTED)


YESTERDAY = dt.timedelta(days=1)
