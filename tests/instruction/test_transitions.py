import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from deffinov.applications import workflow
from deffinov.applications.models import Application, ApplicationTransition, ResourceLine, State
from deffinov.applications.workflow import TransitionError
from deffinov.audit.models import AuditEvent
from deffinov.calls.models import Wave, end_of_day_in_paris
from deffinov.committee.exports import csv_lines
from deffinov.eligibility.presentation import verdict_label
from deffinov.instruction import transitions
from deffinov.instruction.models import CorrectionRequest
from tests.applications.factories import eligible_application
from tests.organisations.helpers import page_text

pytestmark = pytest.mark.django_db


def dossier_url(application, name="dossier"):
    return reverse(f"instruction:{name}", args=[application.number])


def correction_data(**overrides):
    data = {
        "correction-reason": "incomplete",
        "correction-details": "Les statuts signés de Formations du Bocage manquent.",
        "correction-due_on": (dt.date.today() + dt.timedelta(days=15)).isoformat(),
    }
    return {**data, **overrides}


def test_an_instructor_starts_the_instruction(client, instructor, application):
    client.force_login(instructor)
    response = client.post(dossier_url(application, "start_review"), follow=True)
    assert "L'instruction du dossier a commencé." in page_text(response)
    application.refresh_from_db()
    assert application.state == State.IN_REVIEW
    step = ApplicationTransition.objects.filter(application=application).latest("at")
    assert (step.from_state, step.to_state, step.by) == (State.SUBMITTED, State.IN_REVIEW, instructor)
    event = AuditEvent.objects.get(action="application.start_review")
    assert event.actor == instructor
    assert event.data["from"] == "submitted"


def test_a_correction_request_reaches_the_consortium(client, instructor, application, lead_admin, run_tasks):
    transitions.start_review(application, instructor)
    client.force_login(instructor)
    response = client.post(dossier_url(application, "request_correction"), correction_data(), follow=True)
    assert "renvoyé au collectif pour correction" in page_text(response)
    application.refresh_from_db()
    assert application.state == State.CORRECTION_REQUESTED
    correction = CorrectionRequest.objects.get(application=application)
    assert correction.get_reason_display() == "Dossier incomplet"
    step = application.transitions.latest("at")
    assert step.motivation == "Dossier incomplet : Les statuts signés de Formations du Bocage manquent."
    run_tasks()
    sent = [m for m in mail.outbox if lead_admin.email in m.to]
    assert len(sent) == 1
    assert "une correction vous est demandée" in sent[0].subject
    assert "Les statuts signés de Formations du Bocage manquent." in sent[0].body
    client.force_login(lead_admin)
    thread = page_text(client.get(dossier_url(application, "messages")))
    assert "La Région demande une correction" in thread
    assert "Les statuts signés de Formations du Bocage manquent." in thread


def test_a_correction_request_needs_a_reason_and_keeps_what_was_typed(client, instructor, application):
    transitions.start_review(application, instructor)
    client.force_login(instructor)
    response = client.post(
        dossier_url(application, "request_correction"),
        correction_data(**{"correction-reason": "", "correction-due_on": "2001-01-01"}),
    )
    text = page_text(response)
    assert "Ce champ est obligatoire." in text
    assert "La date limite ne peut pas être passée." in text
    assert "Les statuts signés de Formations du Bocage manquent." in text
    application.refresh_from_db()
    assert application.state == State.IN_REVIEW


def test_a_correction_due_in_year_9999_is_refused(client, instructor, application):
    transitions.start_review(application, instructor)
    client.force_login(instructor)
    response = client.post(
        dossier_url(application, "request_correction"), correction_data(**{"correction-due_on": "9999-12-31"})
    )
    assert "La date limite doit rester dans l'année qui vient." in page_text(response)
    application.refresh_from_db()
    assert application.state == State.IN_REVIEW
    assert not CorrectionRequest.objects.filter(application=application).exists()


def test_the_lead_resubmits_and_the_instructor_sees_what_changed(client, instructor, to_correct):
    application = to_correct["application"]
    Application.objects.filter(pk=application.pk).update(title="Espace de compétences du Bocage virois")
    client.force_login(to_correct["lead_admin"])
    response = client.post(dossier_url(application, "resubmit"), follow=True)
    assert "Le dossier corrigé est renvoyé à la Région." in page_text(response)
    application.refresh_from_db()
    assert application.state == State.IN_REVIEW
    assert application.snapshot["title"] == "Espace de compétences du Bocage virois"
    correction = CorrectionRequest.objects.get(application=application)
    assert correction.resubmitted_by == to_correct["lead_admin"]
    assert {"label": "Titre du projet", "before": "Espace de compétences du Bocage"}.items() <= correction.changes[
        0
    ].items()
    client.force_login(instructor)
    text = page_text(client.get(dossier_url(application)))
    assert "Ce qui a changé" in text
    assert "Espace de compétences du Bocage virois" in text


def test_only_the_leads_administrators_resubmit(client, instructor, lead_member, partner_person, application):
    transitions.start_review(application, instructor)
    transitions.request_correction(application, instructor, "outdated", "RIB périmé.", dt.date.today())
    for person in (lead_member, partner_person):
        client.force_login(person)
        assert client.post(dossier_url(application, "resubmit")).status_code == 404
    application.refresh_from_db()
    assert application.state == State.CORRECTION_REQUESTED


def test_a_transition_not_allowed_from_the_state_changes_nothing(client, instructor, application):
    client.force_login(instructor)
    response = client.post(dossier_url(application, "dismiss"), {"dismiss-motivation": "Hors sujet"}, follow=True)
    assert (
        "L'action « Classer sans suite » n'est pas possible : le dossier est « Déposé ». Rien n'a été modifié."
        in page_text(response)
    )
    application.refresh_from_db()
    assert application.state == State.SUBMITTED
    assert not AuditEvent.objects.filter(action="application.dismiss").exists()


def test_two_instructors_at_once_one_wins(instructor, other_instructor, application):
    first = Application.objects.get(pk=application.pk)
    second = Application.objects.get(pk=application.pk)
    transitions.start_review(first, instructor)
    with pytest.raises(TransitionError) as error:
        transitions.start_review(second, other_instructor)
    assert "il est maintenant « En instruction »" in error.value.message
    assert application.transitions.filter(to_state=State.IN_REVIEW).count() == 1


def test_second_instructor_reads_a_clear_message(client, instructor, other_instructor, application):
    transitions.start_review(Application.objects.get(pk=application.pk), instructor)
    client.force_login(other_instructor)
    response = client.post(dossier_url(application, "start_review"), follow=True)
    assert "le dossier est « En instruction »" in page_text(response)


def test_dismiss_needs_a_motivation(client, instructor, application):
    transitions.start_review(application, instructor)
    client.force_login(instructor)
    response = client.post(dossier_url(application, "dismiss"), {"dismiss-motivation": ""})
    assert "Ce champ est obligatoire." in page_text(response)
    client.post(dossier_url(application, "dismiss"), {"dismiss-motivation": "Le consortium a renoncé."})
    application.refresh_from_db()
    assert application.state == State.DISMISSED
    assert application.transitions.latest("at").motivation == "Le consortium a renoncé."


def test_only_an_admin_reopens_a_decided_dossier(client, instructor, platform_admin, application):
    transitions.start_review(application, instructor)
    transitions.dismiss(application, instructor, "Doublon.")
    client.force_login(instructor)
    assert "Rouvrir l'instruction" not in page_text(client.get(dossier_url(application)))
    response = client.post(dossier_url(application, "reopen"), {"reopen-motivation": "Erreur"}, follow=True)
    assert "Vous n'avez pas le droit" in page_text(response)
    client.force_login(platform_admin)
    assert "Rouvrir l'instruction" in page_text(client.get(dossier_url(application)))
    client.post(dossier_url(application, "reopen"), {"reopen-motivation": "Classé par erreur : pas un doublon."})
    application.refresh_from_db()
    assert application.state == State.IN_REVIEW
    event = AuditEvent.objects.get(action="application.reopen_dismissed")
    assert event.data["motivation"] == "Classé par erreur : pas un doublon."
    assert event.actor == platform_admin


def test_reopen_from_accepted_and_rejected(platform_admin, application):
    for state in (State.ACCEPTED, State.REJECTED):
        Application.objects.filter(pk=application.pk).update(state=state)
        application.refresh_from_db()
        transitions.reopen(application, platform_admin, "Recours gracieux.")
        assert application.state == State.IN_REVIEW


def test_buttons_follow_the_state(client, instructor, application):
    client.force_login(instructor)
    text = page_text(client.get(dossier_url(application)))
    assert "Commencer l'instruction" in text
    assert "Demander une correction" not in text
    transitions.start_review(application, instructor)
    text = page_text(client.get(dossier_url(application)))
    assert "Commencer l'instruction" not in text
    assert "Demander une correction au collectif" in text
    assert "Classer sans suite" in text
    assert "Déposé → En instruction" in text  # the history


# A resubmission runs the guard of a first submission, the correction's due date standing for the wave's closing.


@pytest.fixture
def to_correct(instructor):
    """An eligible dossier, submitted through the workflow, sent back for a correction due in 15 days."""
    data = eligible_application()
    application = data["application"]
    assert workflow.submit(application, data["lead_admin"], sworn=True) is True
    transitions.start_review(application, instructor)
    transitions.request_correction(
        application, instructor, "incorrect", "Le budget est à revoir.", timezone.localdate() + dt.timedelta(days=15)
    )
    application.refresh_from_db()
    return data


def test_a_resubmission_that_breaks_the_rules_is_refused_and_keeps_the_corrections(client, to_correct):
    application = to_correct["application"]
    ResourceLine.objects.filter(application=application, kind="requested_grant").update(amount=570_000)
    client.force_login(to_correct["lead_admin"])
    response = client.post(dossier_url(application, "resubmit"), follow=True)
    text = page_text(response)
    assert "Le dossier ne peut pas être renvoyé : des règles de l'appel ne sont pas respectées." in text
    assert "Le dossier corrigé est renvoyé à la Région." not in text
    for message in ("équilibré", "cofinancement", "570\xa0000\xa0€"):
        assert message in text
    application.refresh_from_db()
    assert application.state == State.CORRECTION_REQUESTED
    assert application.snapshot["budget"]["requested_grant"] == "100000.00"
    assert ResourceLine.objects.get(application=application, kind="requested_grant").amount == 570_000
    assert CorrectionRequest.objects.get(application=application).resubmitted_at is None


def test_the_guard_names_each_failing_rule(to_correct):
    application = to_correct["application"]
    ResourceLine.objects.filter(application=application, kind="requested_grant").update(amount=570_000)
    with pytest.raises(TransitionError) as error:
        transitions.resubmit(application, to_correct["lead_admin"])
    assert {rule.code for rule in error.value.failing_rules} == {
        "budget.balanced",
        "budget.grant_range",
        "budget.cofinancing",
    }


def test_a_resubmission_stores_a_fresh_snapshot_and_verdict(client, instructor, to_correct):
    application = to_correct["application"]
    first_verdict = application.eligibility_at_submission
    assert first_verdict["eligible"] is True
    statement = application.snapshot["sworn_statement"]
    # Below the call's minimum: allowed, with a warning the Region must read.
    ResourceLine.objects.filter(application=application, kind="requested_grant").update(amount=40_000)
    ResourceLine.objects.filter(application=application, kind="own_funds").update(amount=110_000)
    transitions.resubmit(application, to_correct["lead_admin"])
    application.refresh_from_db()
    assert application.state == State.IN_REVIEW
    assert application.snapshot["budget"]["requested_grant"] == "40000.00"
    # The sworn statement signed at the first submission stays with the frozen dossier.
    assert application.snapshot["sworn_statement"] == statement
    stored = {rule["code"]: rule for rule in application.eligibility_at_submission["rules"]}
    assert stored["budget.grant_range"]["status"] == "warning"
    assert "40\xa0000\xa0€" in stored["budget.grant_range"]["message"]
    assert stored["wave.open"]["status"] == "pass"
    assert "date limite fixée par la Région" in stored["wave.open"]["message"]
    client.force_login(instructor)
    staff_page = page_text(client.get(dossier_url(application)))
    assert stored["budget.grant_range"]["message"] in staff_page
    assert "Verdict enregistré au renvoi du dossier corrigé" in staff_page
    # The export reads the verdict of the last submission, no longer the first one's plain « eligible ».
    exported = "".join(csv_lines(application.wave))
    assert verdict_label(application.eligibility_at_submission) in exported
    assert verdict_label(application.eligibility_at_submission) != verdict_label(first_verdict)


def test_after_the_waves_closing_a_resubmission_before_the_due_date_goes_through(to_correct, time_machine):
    application = to_correct["application"]
    wave = application.wave
    due_on = CorrectionRequest.objects.get(application=application).due_on
    Wave.objects.filter(pk=wave.pk).update(closes_at=end_of_day_in_paris(timezone.localdate() + dt.timedelta(days=1)))
    time_machine.move_to(dt.datetime.combine(due_on, dt.time(23, 0), tzinfo=ZoneInfo("Europe/Paris")))
    transitions.resubmit(application, to_correct["lead_admin"])
    application.refresh_from_db()
    assert application.state == State.IN_REVIEW


def test_a_late_resubmission_is_refused_and_keeps_the_corrections(to_correct, time_machine):
    application = to_correct["application"]
    due_on = CorrectionRequest.objects.get(application=application).due_on
    Application.objects.filter(pk=application.pk).update(title="Titre corrigé")
    time_machine.move_to(
        dt.datetime.combine(due_on + dt.timedelta(days=1), dt.time(0, 1), tzinfo=ZoneInfo("Europe/Paris"))
    )
    with pytest.raises(TransitionError) as error:
        transitions.resubmit(application, to_correct["lead_admin"])
    assert "date limite" in error.value.message
    application.refresh_from_db()
    assert application.state == State.CORRECTION_REQUESTED
    assert application.title == "Titre corrigé"
