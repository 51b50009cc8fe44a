import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.core.management import call_command

from deffinov.applications import workflow
from deffinov.applications.models import ReminderSent
from tests.applications.factories import WaveFactory, eligible_application, person

PARIS = ZoneInfo("Europe/Paris")


def wave_closing_on(day):
    return WaveFactory(
        opens_at=dt.datetime(2024, 1, 8, tzinfo=PARIS),
        closes_at=dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=PARIS),
    )


def test_reminders_7_and_2_days_before_closing_once_each(db, run_tasks):
    data = eligible_application(wave=wave_closing_on(dt.date(2024, 3, 11)))
    colleague = person(data["partner"].organisation, role="member")
    people = sorted([data["lead_admin"].email, data["partner_admin"].email, colleague.email])
    with time_machine.travel(dt.datetime(2024, 3, 4, 8, 0, tzinfo=PARIS)):
        call_command("send_deadline_reminders")  # dry run: nothing sent
        assert not ReminderSent.objects.exists()
        call_command("send_deadline_reminders", wet_run=True)
        call_command("send_deadline_reminders", wet_run=True)
        run_tasks()
    assert sorted(address for message in mail.outbox for address in message.to) == people
    assert "Plus que 7 jours" in mail.outbox[0].subject
    mail.outbox.clear()
    with time_machine.travel(dt.datetime(2024, 3, 8, 8, 0, tzinfo=PARIS)):
        call_command("send_deadline_reminders", wet_run=True)
        run_tasks()
    assert mail.outbox == []  # 3 days before: no reminder
    with time_machine.travel(dt.datetime(2024, 3, 9, 8, 0, tzinfo=PARIS)):
        call_command("send_deadline_reminders", wet_run=True)
        call_command("send_deadline_reminders", wet_run=True)
        run_tasks()
    assert len(mail.outbox) == 3
    assert "Plus que 2 jours" in mail.outbox[0].subject


def test_no_reminder_for_a_submitted_dossier(db, run_tasks):
    data = eligible_application(wave=wave_closing_on(dt.date(2024, 3, 11)))
    application = data["application"]
    with time_machine.travel(dt.datetime(2024, 3, 4, 8, 0, tzinfo=PARIS)):
        application.start_on, application.end_on = dt.date(2024, 9, 1), dt.date(2025, 12, 31)
        application.save()
        workflow.submit(application, data["lead_admin"])
        run_tasks()
        mail.outbox.clear()
        call_command("send_deadline_reminders", wet_run=True)
        run_tasks()
    assert mail.outbox == []
