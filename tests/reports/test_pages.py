"""The project page's list of reports, and the report pages as each reader sees them."""

import datetime as dt

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from deffinov.formatting import PARIS, day
from deffinov.reports.models import Report
from tests.reports.helpers import handed_in, report

pytestmark = pytest.mark.django_db


def include(project, user):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("reports/includes/project_reports.html", {"project": project, "request": request})


def test_the_project_page_lists_the_reports_with_due_dates_states_and_what_the_reader_may_do(
    project, lead_admin, instructor
):
    interim, final = report(project), report(project, "final")
    html = include(project, lead_admin)
    assert "Bilan intermédiaire" in html and day(interim.due_on) in html and day(final.due_on) in html
    assert reverse("reports:edit", args=[project.number, "interim"]) in html
    assert "À rédiger" in html
    assert reverse("reports:edit", args=[project.number, "interim"]) not in include(project, instructor)
    handed_in(interim, lead_admin)
    assert "Relire et décider" in include(project, instructor)
    assert "Remis" in include(project, lead_admin)


def test_the_list_flags_a_late_report_and_a_very_late_one(project, lead_admin):
    Report.objects.filter(pk=report(project).pk).update(due_on=dt.date(2027, 3, 15))
    with time_machine.travel(dt.datetime(2027, 3, 20, 9, tzinfo=PARIS), tick=False):
        assert "En retard (5 jours)" in include(project, lead_admin)
    with time_machine.travel(dt.datetime(2027, 3, 30, 9, tzinfo=PARIS), tick=False):
        assert "Très en retard (15 jours)" in include(project, lead_admin)


def test_the_region_reads_what_was_handed_in_never_the_draft(client, project, lead_admin, instructor):
    interim = handed_in(report(project), lead_admin)
    client.force_login(instructor)
    page = client.get(reverse("reports:detail", args=[project.number, "interim"]))
    assert "Les ateliers ont accueilli leurs premiers apprenants." in page.text
    assert "Enregistrer la décision" in page.text
    assert "12 personnes" in page.text and "120,50 heures" in page.text
    final = report(project, "final")
    final.narrative = "Brouillon confidentiel"
    final.save()
    page = client.get(reverse("reports:detail", args=[project.number, "final"]))
    assert "Brouillon confidentiel" not in page.text
    assert "pas encore été remis" in page.text
    assert interim.versions.count() == 1


def test_the_project_page_shows_its_reports_to_the_lead_and_to_the_region(client, project, lead_admin, instructor):
    for user in (lead_admin, instructor):
        client.force_login(user)
        page = client.get(reverse("grants:detail", args=[project.number]))
        assert page.status_code == 200
        assert (
            "Bilans du projet" in page.text and reverse("reports:detail", args=[project.number, "final"]) in page.text
        )
