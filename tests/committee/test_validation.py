"""The session's state machine: planned → held → decisions validated with the Commission permanente's deliberation."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.models import State
from deffinov.audit.models import AuditEvent
from deffinov.committee import workflow
from deffinov.committee.decisions import DecisionError, record_decision
from deffinov.committee.models import AgendaItem, SessionState
from deffinov.formatting import PARIS
from tests.applications.factories import UserFactory
from tests.committee.conftest import REFERENCE, new_session, validated, with_signatory
from tests.reviews.helpers import in_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def all_decided(decidable, instructor):
    record_decision(
        decidable["application"], instructor, "accepted", amount=Decimal(90_000), session=decidable["session"]
    )
    with_signatory(decidable["session"].wave.call)
    return decidable["session"]


def test_a_session_is_held_only_once_its_date_has_passed_in_paris(instructor):
    data = in_review(instructor=instructor)
    meeting = dt.datetime(2026, 12, 3, 14, 0, tzinfo=PARIS)
    session = new_session(data["application"].wave, date=meeting)
    AgendaItem.objects.create(session=session, application=data["application"])
    with pytest.raises(workflow.SessionError, match="ne peut être déclarée tenue qu'à partir de ce"):
        workflow.hold(session, instructor, at=meeting - dt.timedelta(minutes=1))
    assert workflow.hold(session, instructor, at=meeting + dt.timedelta(hours=2))
    session.refresh_from_db()
    assert session.state == SessionState.HELD
    step = session.transitions.get()
    assert (step.from_state, step.to_state, step.by) == ("planned", "held", instructor)
    assert AuditEvent.objects.filter(action="committee.session.hold", actor=instructor).exists()


def test_the_session_page_declares_it_held_and_says_why_not(client, instructor):
    data = in_review(instructor=instructor)
    session = new_session(data["application"].wave)  # next week
    AgendaItem.objects.create(session=session, application=data["application"])
    client.force_login(instructor)
    response = client.post(reverse("committee:hold", args=[session.pk]))
    assert response.status_code == 422
    assert "ne peut être déclarée tenue" in response.text
    session.date = timezone.now() - dt.timedelta(hours=1)
    session.save(update_fields=["date"])
    response = client.post(reverse("committee:hold", args=[session.pk]), follow=True)
    assert "La séance est déclarée tenue" in response.text
    assert "Décider<span" in response.text


def test_validation_makes_the_decisions_final_moves_the_dossiers_and_is_audited(
    client, all_decided, functional_admin, instructor, django_capture_on_commit_callbacks
):
    session = all_decided
    application = session.agenda.get().application
    client.force_login(functional_admin)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("committee:validate", args=[session.pk]),
            {"reference": REFERENCE, "deliberation_date": today.isoformat()},
            follow=True,
        )
    assert "Décisions validées (délibération CP-2026-11-042" in response.text
    assert len(callbacks) >= 1  # the letters go out once committed
    session.refresh_from_db()
    assert (session.state, session.deliberation_reference, session.deliberation_date) == ("validated", REFERENCE, today)
    assert session.validated_by == functional_admin
    application.refresh_from_db()
    assert application.state == State.ACCEPTED
    assert application.transitions.filter(to_state="accepted", by=functional_admin).exists()
    event = AuditEvent.objects.get(action="committee.session.validate")
    assert event.data["deliberation_reference"] == REFERENCE and event.actor == functional_admin
    with pytest.raises(DecisionError, match="sont validées"):
        record_decision(application, instructor, "rejected", motivation="Après coup.", session=session)


@pytest.mark.parametrize(
    ("days", "message"),
    [(-2, "ne peut pas précéder la séance du comité"), (1, "ne peut pas être dans le futur")],
)
def test_the_deliberation_date_is_between_the_session_and_today(all_decided, functional_admin, days, message):
    with pytest.raises(workflow.SessionError, match=message):
        workflow.validate(all_decided, functional_admin, REFERENCE, timezone.localdate() + dt.timedelta(days=days))
    all_decided.refresh_from_db()
    assert all_decided.state == SessionState.HELD


def test_validation_needs_a_reference(client, all_decided, functional_admin):
    client.force_login(functional_admin)
    response = client.post(
        reverse("committee:validate", args=[all_decided.pk]),
        {"reference": " ", "deliberation_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 422
    assert "Indiquez la référence de la délibération" in response.text


def test_a_call_without_signatory_blocks_validation_with_a_clear_message(client, all_decided, functional_admin):
    call = all_decided.wave.call
    call.signatory_name = ""
    call.save(update_fields=["signatory_name"])
    client.force_login(functional_admin)
    response = client.post(
        reverse("committee:validate", args=[all_decided.pk]),
        {"reference": REFERENCE, "deliberation_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 422
    assert "pas de signataire des lettres de décision" in response.text
    all_decided.refresh_from_db()
    assert all_decided.state == SessionState.HELD


def test_every_dossier_of_the_agenda_is_decided_before_validation(all_decided, functional_admin, instructor):
    other = in_review(wave=all_decided.wave, instructor=instructor)["application"]
    AgendaItem.objects.create(session=all_decided, application=other)
    with pytest.raises(workflow.SessionError, match=f"sans décision : {other.number}"):
        workflow.validate(all_decided, functional_admin, REFERENCE, timezone.localdate())


def test_only_a_functional_administrator_validates(client, all_decided, instructor):
    with pytest.raises(workflow.SessionError, match="pas le droit"):
        workflow.validate(all_decided, instructor, REFERENCE, timezone.localdate())
    for user in (instructor, UserFactory(committee_member=True), UserFactory(is_staff=True)):
        client.force_login(user)
        response = client.post(
            reverse("committee:validate", args=[all_decided.pk]),
            {"reference": REFERENCE, "deliberation_date": timezone.localdate().isoformat()},
        )
        assert response.status_code == 404
    all_decided.refresh_from_db()
    assert all_decided.state == SessionState.HELD


def test_a_staff_account_without_role_can_neither_decide_nor_validate(decidable):
    staff_only = UserFactory(is_staff=True)
    with pytest.raises(DecisionError):
        record_decision(
            decidable["application"], staff_only, "accepted", amount=Decimal(90_000), session=decidable["session"]
        )


def test_a_rejection_and_a_dismissal_move_their_dossiers_on_validation(ranked_session, instructor, functional_admin):
    session, d = ranked_session
    record_decision(d["a"], instructor, "accepted", amount=Decimal(140_000), session=session)
    record_decision(d["b"], instructor, "rejected", motivation="Public trop restreint.", session=session)
    record_decision(d["c"], instructor, "dismissed", motivation="Projet abandonné.", session=session)
    record_decision(d["d"], instructor, "rejected", motivation="Hors enveloppe.", session=session)
    validated(session, functional_admin)
    states = {key: type(a).objects.get(pk=a.pk).state for key, a in d.items()}
    assert states == {"a": "accepted", "b": "rejected", "c": "dismissed", "d": "rejected"}


def test_the_session_page_shows_the_validation_form_to_the_functional_administrator(
    client, all_decided, functional_admin, instructor
):
    client.force_login(functional_admin)
    page = client.get(reverse("committee:session", args=[all_decided.pk])).text
    assert "Valider les décisions" in page and "Référence de la délibération" in page
    client.force_login(instructor)
    page = client.get(reverse("committee:session", args=[all_decided.pk])).text
    assert "Référence de la délibération" not in page
    assert "à valider" in page


def test_letters_are_never_dated_before_the_session(decidable, instructor, functional_admin):
    """A session held in the evening of the 3rd (Paris), validated on the 4th: the letter says 4 décembre."""
    session = decidable["session"]
    session.date = dt.datetime(2026, 12, 3, 18, 0, tzinfo=PARIS)
    session.save(update_fields=["date"])
    with time_machine.travel(dt.datetime(2026, 12, 4, 0, 30, tzinfo=PARIS), tick=False):
        decision = record_decision(
            decidable["application"], instructor, "accepted", amount=Decimal(90_000), session=session
        )
        validated(session, functional_admin)
        from deffinov.committee.letters import letter_html

        html = letter_html(decision)
    assert "Caen, le 4 décembre 2026" in html
    assert "réuni le 3 décembre 2026" in html
