"""Deadline reminders: the people of a draft's member structures, 7 and 2 days before its wave closes."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from deffinov.applications.models import Application, ReminderSent, State
from deffinov.applications.receipts import recipients
from deffinov.calls.models import PARIS
from deffinov.emails.send import send_templated_email

KINDS = {7: ReminderSent.Kind.SEVEN_DAYS, 2: ReminderSent.Kind.TWO_DAYS}


def due_reminders(now=None):
    """(application, kind, days) for each draft whose wave closes in exactly 7 or 2 days (Paris calendar days),
    not reminded yet."""
    now = now or timezone.now()
    today = now.astimezone(PARIS).date()
    drafts = (
        Application.objects.filter(state=State.DRAFT, wave__closes_at__gt=now, wave__opens_at__lte=now)
        .select_related("wave__call")
        .prefetch_related("reminders")
    )
    due = []
    for application in drafts:
        days = (application.wave.closes_at.astimezone(PARIS).date() - today).days
        kind = KINDS.get(days)
        if kind and kind not in {reminder.kind for reminder in application.reminders.all()}:
            due.append((application, kind, days))
    return due


def send_reminder(application, kind, days):
    """Record the reminder, then email it; the unique row makes a second run send nothing."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(application=application, kind=kind)
            people = recipients(application)
            for email in people:
                context = {"application": application, "days": days}
                send_templated_email([email], "applications/emails/reminder", context)
    except IntegrityError:
        return 0
    return len(people)
