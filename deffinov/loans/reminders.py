"""Return reminders: the day before a loan's end, and once it is overdue. Dates are Paris calendar days.

The daily command first flags as overdue the loans picked up and not returned by their end date, then sends
each (loan, reminder) once: the unique row makes a second run the same day send nothing.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from deffinov.loans import notify, workflow
from deffinov.loans.models import Loan, LoanReminder, LoanState

Kind = LoanReminder.Kind


def late_loans(today):
    """Loans picked up whose end date is past: to be flagged overdue."""
    return Loan.objects.filter(state=LoanState.ACTIVE, ends_on__lt=today).select_related("item__organisation")


def flag_overdue(today, now=None):
    flagged = []
    for loan in late_loans(today):
        if workflow.apply(loan, "mark_overdue", None, at=now):
            flagged.append(loan)
    return flagged


def due_reminders(today):
    """(loan, kind) for each reminder of the day not sent yet."""
    tomorrow = today + dt.timedelta(days=1)
    candidates = (
        Loan.objects.filter(state__in=(LoanState.RESERVED, LoanState.ACTIVE), ends_on=tomorrow)
        .select_related("item__organisation", "item__pickup_place__commune", "borrower", "requested_by")
        .prefetch_related("reminders")
    )
    due = [(loan, Kind.DAY_BEFORE) for loan in candidates]
    overdue = (
        Loan.objects.filter(state=LoanState.OVERDUE)
        .select_related("item__organisation", "item__pickup_place__commune", "borrower", "requested_by")
        .prefetch_related("reminders")
    )
    due += [(loan, Kind.OVERDUE) for loan in overdue]
    return [(loan, kind) for loan, kind in due if kind not in {r.kind for r in loan.reminders.all()}]


def send_reminder(loan, kind, now=None):
    """Record the reminder, then email it; returns the emails sent (0 when already sent)."""
    try:
        with transaction.atomic():
            LoanReminder.objects.create(loan=loan, kind=kind, sent_at=now or timezone.now())
            return notify.reminder(loan, kind)
    except IntegrityError:
        return 0
