"""A report's life: owed when the convention is signed, written and handed in by the lead, accepted or sent back
by an instructor; acceptance unlocks tranches, the final report moves the project to closing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from deffinov.audit.models import AuditEvent
from deffinov.eligibility.engine import add_months
from deffinov.grants import workflow as grants_workflow
from deffinov.grants.models import ProjectState
from deffinov.payments.models import TrancheState
from deffinov.reports import workflow
from deffinov.reports.content import ReportError, save_content
from deffinov.reports.models import Report, ReportKind, ReportState
from deffinov.reports.projects import ensure_reports, reschedule
from tests.grants.helpers import funded_project
from tests.reports.helpers import FIGURES, accepted, handed_in, report, written

pytestmark = pytest.mark.django_db


def tranche_states(project):
    return [t.state for t in project.tranches.order_by("position")]


def test_countersigning_the_convention_makes_the_reports_due_at_mid_term_and_two_months_after_the_end(project):
    interim, final = project.reports.order_by("due_on")
    assert interim.due_on == project.starts_on + (project.ends_on - project.starts_on) / 2
    assert final.due_on == add_months(project.ends_on, 2)
    assert (interim.kind, interim.state, final.kind, final.state) == ("interim", "draft", "final", "draft")


def test_a_project_signed_before_reports_existed_gets_them_when_first_seen(project):
    project.starts_on, project.ends_on = dt.date(2027, 1, 1), dt.date(2028, 12, 31)
    project.save(update_fields=["starts_on", "ends_on"])
    Report.objects.all().delete()
    interim, final = ensure_reports(project)
    assert (interim.kind, interim.due_on) == ("interim", dt.date(2028, 1, 1))
    assert (final.kind, final.due_on) == ("final", dt.date(2029, 2, 28))
    assert ensure_reports(project) == [interim, final]  # once


def test_a_project_whose_convention_is_not_signed_owes_no_report_yet(instructor, functional_admin):
    project, _ = funded_project(instructor, functional_admin)
    assert not project.reports.exists()


def test_the_lead_hands_in_the_interim_report_and_the_instructor_accepts_it_unlocking_the_second_tranche(
    client, project, lead_admin, instructor, quiet, run_tasks, django_capture_on_commit_callbacks
):
    interim = report(project)
    client.force_login(lead_admin)
    url = reverse("reports:edit", args=[project.number, "interim"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Apprenants accueillis" in page.text and "Demandeurs d&#x27;emploi" in page.text
    data = {"narrative": "Trois ateliers ouverts.", "ind_apprenants__salaries": "7", "ind_heures_formation": "12,5"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data | {"submit": ""})
    assert response.status_code == 302
    interim.refresh_from_db()
    assert interim.state == ReportState.SUBMITTED
    version = interim.versions.get()
    assert version.content["narrative"] == "Trois ateliers ouverts."
    assert {(row["code"], row["public"]): row["value"] for row in version.content["indicators"]}[
        ("heures_formation", "")
    ] == "12.50"
    run_tasks()
    assert [m.to for m in mail.outbox] == [[instructor.email]]
    assert "remis" in mail.outbox[0].subject

    client.force_login(instructor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:decide", args=[project.number, "interim"]), {"decision": "accept"})
    assert response.status_code == 302
    interim.refresh_from_db()
    assert interim.state == ReportState.ACCEPTED and interim.accepted_at
    assert tranche_states(project)[1] == TrancheState.REQUESTABLE
    assert tranche_states(project)[2] == TrancheState.LOCKED
    run_tasks()
    assert mail.outbox[-1].to == [lead_admin.email]
    assert "accepté" in mail.outbox[-1].subject
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"reports.report.submit", "reports.report.accept", "payments.tranche.unlock"} <= actions
    assert [(t.from_state, t.to_state) for t in interim.transitions.all()] == [
        ("draft", "submitted"),
        ("submitted", "accepted"),
    ]


def test_corrections_are_asked_with_a_motivation_and_each_submission_is_kept_as_a_version(
    client, project, lead_admin, instructor, quiet, run_tasks, django_capture_on_commit_callbacks
):
    interim = handed_in(report(project), lead_admin)
    client.force_login(instructor)
    decide = reverse("reports:decide", args=[project.number, "interim"])
    response = client.post(decide, {"decision": "request_correction", "motivation": "  "})
    assert response.status_code == 422
    assert "Indiquez les corrections attendues." in response.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide, {"decision": "request_correction", "motivation": "Détaillez les publics accueillis."})
    interim.refresh_from_db()
    assert interim.state == ReportState.CORRECTION_REQUESTED
    run_tasks()
    assert "Détaillez les publics accueillis." in mail.outbox[-1].body
    assert mail.outbox[-1].to == [lead_admin.email]

    client.force_login(lead_admin)
    edit = client.get(reverse("reports:edit", args=[project.number, "interim"]))
    assert "Détaillez les publics accueillis." in edit.text
    written(interim, lead_admin, figures=FIGURES | {("apprenants", "apprentis"): Decimal(3)})
    assert workflow.hand_in(interim, lead_admin)
    first, second = interim.versions.order_by("number")
    values = [{(r["code"], r["public"]): r["value"] for r in v.content["indicators"]} for v in (first, second)]
    assert values[0][("apprenants", "apprentis")] is None
    assert values[1][("apprenants", "apprentis")] == "3.00"
    page = client.get(reverse("reports:version", args=[project.number, "interim", 1]))
    assert page.status_code == 200 and "version 1" in page.text


def test_handing_in_the_final_report_moves_the_project_to_closing_and_its_acceptance_unlocks_the_balance(
    project, lead_admin, instructor
):
    accepted(report(project), lead_admin, instructor)
    final = handed_in(report(project, ReportKind.FINAL), lead_admin, share=Decimal("0.85"))
    project.refresh_from_db()
    assert project.state == ProjectState.CLOSING
    assert [t.to_state for t in project.transitions.all()][-2:] == ["running", "closing"]
    assert tranche_states(project)[2] == TrancheState.LOCKED
    assert workflow.apply(final, "accept", instructor)
    assert tranche_states(project)[2] == TrancheState.REQUESTABLE


def test_a_report_is_handed_in_with_a_narrative(project, lead_admin):
    interim = report(project)
    with pytest.raises(ReportError, match="Rédigez le récit du projet"):
        workflow.hand_in(interim, lead_admin)
    assert interim.state == ReportState.DRAFT and not interim.versions.exists()


def test_only_the_leads_administrators_hand_in_and_only_instructors_decide(project, lead_admin, instructor, funded):
    interim = report(project)
    written(interim, lead_admin)
    with pytest.raises(ReportError, match="pas le droit"):
        workflow.hand_in(interim, instructor)
    workflow.hand_in(interim, lead_admin)
    with pytest.raises(ReportError, match="pas le droit"):
        workflow.apply(interim, "accept", lead_admin)


def test_a_submitted_report_cannot_be_changed_until_the_region_has_read_it(project, lead_admin):
    interim = handed_in(report(project), lead_admin)
    with pytest.raises(ReportError, match="tant que la Région ne l'a pas relu"):
        written(interim, lead_admin)


@pytest.mark.parametrize("state", ["closed", "terminated"])
def test_no_report_is_written_for_a_closed_or_terminated_project(client, project, lead_admin, state):
    interim = report(project)
    written(interim, lead_admin)
    project.__class__.objects.filter(pk=project.pk).update(state=state)
    with pytest.raises(ReportError, match="ses bilans ne peuvent plus être rédigés"):
        written(interim, lead_admin)
    client.force_login(lead_admin)
    response = client.post(
        reverse("reports:edit", args=[project.number, "interim"]), {"narrative": "Nouveau", "submit": ""}, follow=True
    )
    assert "ses bilans ne peuvent plus être rédigés" in response.text
    interim.refresh_from_db()
    assert interim.narrative == "Les ateliers ont accueilli leurs premiers apprenants."
    assert interim.state == ReportState.DRAFT


def test_a_terminated_project_keeps_its_reports_unwritable_through_the_real_workflow(
    project, lead_admin, functional_admin
):
    assert grants_workflow.apply(project, "terminate", functional_admin, motivation="Activité arrêtée.")
    with pytest.raises(ReportError, match="Résilié"):
        save_content(report(project), lead_admin, narrative="x", spent={}, values={}, communes=[])


def test_an_amendment_moving_the_end_moves_the_due_dates_of_reports_not_handed_in(project, lead_admin):
    handed_in(report(project), lead_admin)
    interim_due = report(project).due_on
    project.ends_on = project.ends_on + dt.timedelta(days=92)
    project.save(update_fields=["ends_on"])
    assert reschedule(project) == 1
    assert report(project).due_on == interim_due  # handed in: its date is history
    assert report(project, ReportKind.FINAL).due_on == add_months(project.ends_on, 2)
