"""Report reminders to the lead's administrators: 30 days before the due date, 7 days before, and once overdue.

Each (report, reminder) pair is recorded once, so the daily command may run twice, or miss a day: a reminder
whose window is passed is not sent late (a report due in 5 days gets the 7-day reminder, not the 30-day one).
Dates are Paris calendar days.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from deffinov.formatting import PARIS
from deffinov.grants.models import LIVE_STATES
from deffinov.reports import notify
from deffinov.reports.models import Report, ReportReminder, ReportState

Kind = ReportReminder.Kind


def reminder_kind(days_left):
    """The reminder due when the report is due in `days_left` days (negative: overdue), or None."""
    if days_left < 0:
        return Kind.OVERDUE
    if days_left <= 7:
        return Kind.SEVEN_DAYS
    if days_left <= 30:
        return Kind.THIRTY_DAYS
    return None


def due_reminders(now=None):
    """(report, kind, days left) for each report not handed in whose reminder of the day was not sent yet."""
    now = now or timezone.now()
    today = now.astimezone(PARIS).date()
    reports = (
        Report.objects.filter(state=ReportState.DRAFT, project__state__in=LIVE_STATES)
        .select_related("project__application")
        .prefetch_related("reminders")
        .order_by("due_on", "pk")
    )
    due = []
    for report in reports:
        days = (report.due_on - today).days
        kind = reminder_kind(days)
        if kind and kind not in {reminder.kind for reminder in report.reminders.all()}:
            due.append((report, kind, days))
    return due


def send_reminder(report, kind, days, now=None):
    """Record the reminder, then email it; the unique row makes a second run send nothing. Returns emails sent."""
    try:
        with transaction.atomic():
            ReportReminder.objects.create(report=report, kind=kind, sent_at=now or timezone.now())
            return notify.reminder(report, kind, days)
    except IntegrityError:
        return 0
