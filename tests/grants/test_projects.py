"""A validated acceptance opens a funded project with its schedule; the project moves through its declared states."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from deffinov.audit.models import AuditEvent
from deffinov.committee.decisions import record_decision
from deffinov.committee.models import AgendaItem
from deffinov.grants import workflow
from deffinov.grants.models import FundedProject, ProjectState
from deffinov.grants.projects import create_for_decision
from deffinov.payments.models import TrancheState
from deffinov.payments.schedule import split
from tests.committee.conftest import held, new_session, validated
from tests.grants.helpers import funded_project, signed
from tests.reviews.helpers import in_review

pytestmark = pytest.mark.django_db


def test_a_validated_acceptance_opens_a_funded_project_with_its_50_30_20_schedule(project):
    assert project.state == ProjectState.CONVENTION_TO_SIGN
    assert project.amount_granted == Decimal(90_000)
    assert project.starts_on == project.application.start_on
    tranches = list(project.tranches.all())
    assert [(t.amount, t.percentage, t.condition, t.state) for t in tranches] == [
        (Decimal(45_000), Decimal("0.5"), "convention_signed", TrancheState.LOCKED),
        (Decimal(27_000), Decimal("0.3"), "interim_report_accepted", TrancheState.LOCKED),
        (Decimal(18_000), Decimal("0.2"), "final_report_accepted", TrancheState.LOCKED),
    ]
    assert tranches[-1].is_balance
    assert AuditEvent.objects.filter(action="grants.project.create").count() == 1


def test_tranches_add_up_to_the_grant_to_the_cent():
    assert split(Decimal("100000.01"), [Decimal("0.5"), Decimal("0.3"), Decimal("0.2")]) == [
        Decimal("50000.00"),
        Decimal("30000.00"),
        Decimal("20000.01"),
    ]


def test_decisions_that_are_not_validated_or_not_acceptances_open_nothing(instructor, functional_admin):
    accepted = in_review(instructor=instructor)
    refused = in_review(accepted["application"].wave, instructor=instructor)
    session = new_session(accepted["application"].wave)
    for data in (accepted, refused):
        AgendaItem.objects.create(session=session, application=data["application"])
    held(session, instructor)
    record_decision(accepted["application"], instructor, "accepted", amount=Decimal(80_000), session=session)
    record_decision(
        refused["application"], instructor, "rejected", motivation="Projet trop peu précis.", session=session
    )
    assert not FundedProject.objects.exists()  # a decision is not final before the deliberation
    validated(session, functional_admin)
    assert list(FundedProject.objects.values_list("application", flat=True)) == [accepted["application"].pk]


def test_countersigning_dates_the_convention_and_unlocks_the_advance(project, functional_admin):
    signed(project, functional_admin)
    assert project.state == ProjectState.SIGNED
    assert project.convention_date == timezone.localdate()
    assert [t.state for t in project.tranches.all()] == ["requestable", "locked", "locked"]
    step = project.transitions.get()
    assert (step.from_state, step.to_state, step.by) == ("convention_to_sign", "signed", functional_admin)
    assert AuditEvent.objects.filter(action="grants.project.countersign").exists()
    # A second click does nothing more.
    with pytest.raises(workflow.ProjectError, match="Convention signée"):
        workflow.apply(project, "countersign", functional_admin, convention_date=timezone.localdate())


@pytest.mark.parametrize(
    ("offset", "message"),
    [(dt.timedelta(days=1), "dans le futur"), (dt.timedelta(days=-400), "avant la délibération")],
)
def test_a_convention_date_in_the_future_or_before_the_deliberation_is_refused(
    project, functional_admin, offset, message
):
    with pytest.raises(workflow.ProjectError, match=message):
        workflow.apply(project, "countersign", functional_admin, convention_date=timezone.localdate() + offset)
    project.refresh_from_db()
    assert project.state == ProjectState.CONVENTION_TO_SIGN
    assert not project.transitions.exists()


def test_only_a_functional_administrator_countersigns(project, instructor):
    with pytest.raises(workflow.ProjectError, match="pas le droit"):
        workflow.apply(project, "countersign", instructor, convention_date=timezone.localdate())


def test_termination_needs_a_motivation_and_works_from_any_live_state(project, functional_admin):
    signed(project, functional_admin)
    with pytest.raises(workflow.ProjectError, match="motif"):
        workflow.apply(project, "terminate", functional_admin, motivation="  ")
    assert workflow.apply(project, "terminate", functional_admin, motivation="Structure chef de file liquidée.")
    project.refresh_from_db()
    assert project.state == ProjectState.TERMINATED
    assert project.transitions.last().motivation == "Structure chef de file liquidée."


def test_validating_twice_never_opens_two_projects(instructor, functional_admin):
    project, _ = funded_project(instructor, functional_admin)
    assert create_for_decision(project.decision, functional_admin, timezone.now()) == project
    assert FundedProject.objects.count() == 1
    assert project.tranches.count() == 3
