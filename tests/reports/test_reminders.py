"""Reminders 30 days and 7 days before a report's due date and once it is overdue, each sent once; a report more
than 14 days overdue is « très en retard » on the Region's list."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from deffinov.formatting import PARIS
from deffinov.reports.models import Report, ReportReminder
from tests.reports.helpers import handed_in, report

pytestmark = pytest.mark.django_db

DUE = dt.date(2027, 3, 15)


def at(day, hour=8):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)


@pytest.fixture
def due(project, quiet):
    """The interim report is due on 15 March 2027; the final one much later."""
    Report.objects.filter(project=project, kind="interim").update(due_on=DUE)
    Report.objects.filter(project=project, kind="final").update(due_on=dt.date(2028, 6, 30))
    return report(project)


def remind(run_tasks, day, wet=True):
    out = StringIO()
    with time_machine.travel(at(day), tick=False):
        call_command("send_report_reminders", *(["--wet-run"] if wet else []), stdout=out)
        run_tasks()
    return out.getvalue()


def test_reminders_go_out_30_days_before_7_days_before_and_when_overdue_once_each(due, lead_admin, run_tasks):
    assert "0 rappel(s)" in remind(run_tasks, DUE - dt.timedelta(days=31))
    output = remind(run_tasks, DUE - dt.timedelta(days=30), wet=False)
    assert "à envoyer (dry run)" in output and not mail.outbox and not ReportReminder.objects.exists()

    assert "envoyé à 1 personne(s)" in remind(run_tasks, DUE - dt.timedelta(days=30))
    assert mail.outbox[-1].to == [lead_admin.email]
    assert "à remettre avant le 15 mars 2027" in mail.outbox[-1].subject
    assert "dans 30 jours" in mail.outbox[-1].body
    assert "0 rappel(s)" in remind(run_tasks, DUE - dt.timedelta(days=30))  # twice the same day
    assert "0 rappel(s)" in remind(run_tasks, DUE - dt.timedelta(days=20))

    remind(run_tasks, DUE - dt.timedelta(days=7))
    assert "dans 7 jours" in mail.outbox[-1].body
    assert "0 rappel(s)" in remind(run_tasks, DUE)

    remind(run_tasks, DUE + dt.timedelta(days=1))
    assert mail.outbox[-1].subject.startswith("En retard : ")
    assert "attendu le 15 mars 2027" in mail.outbox[-1].body
    assert "0 rappel(s)" in remind(run_tasks, DUE + dt.timedelta(days=20))
    assert len(mail.outbox) == 3
    assert sorted(ReportReminder.objects.values_list("kind", flat=True)) == ["d30", "d7", "overdue"]


def test_a_missed_day_sends_the_reminder_of_the_window_not_an_old_one(due, run_tasks):
    remind(run_tasks, DUE - dt.timedelta(days=5))
    assert list(ReportReminder.objects.values_list("kind", flat=True)) == ["d7"]


def test_a_report_handed_in_is_not_reminded(due, lead_admin, run_tasks):
    handed_in(due, lead_admin)
    assert "0 rappel(s)" in remind(run_tasks, DUE + dt.timedelta(days=3))


def test_a_report_more_than_14_days_overdue_is_very_late_on_the_regions_list(client, due, instructor, project):
    with time_machine.travel(at(DUE + dt.timedelta(days=14), hour=23), tick=False):
        client.force_login(instructor)
        page = client.get(reverse("reports:late"))
        assert project.number in page.text and "14 jours" in page.text
        assert "badge--very-late" not in page.text
    with time_machine.travel(at(DUE + dt.timedelta(days=15), hour=0), tick=False):
        client.force_login(instructor)
        page = client.get(reverse("reports:late"))
        assert "Très en retard" in page.text and "15 jours" in page.text
        detail = client.get(reverse("reports:detail", args=[project.number, "interim"]))
        assert "Très en retard (15 jours)" in detail.text


def test_the_late_list_is_empty_when_reports_are_in_time(client, due, instructor):
    with time_machine.travel(at(DUE), tick=False):
        client.force_login(instructor)
        assert "Aucun bilan en retard." in client.get(reverse("reports:late")).text
