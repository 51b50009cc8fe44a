"""The demonstration wave shows a dossier in every state, each reached through the dossier's workflow."""

import datetime as dt
import itertools
from io import StringIO

import pytest
from django.core.management import call_command

from deffinov.applications.facts import verdict_for, with_dossier
from deffinov.applications.models import Application, ApplicationTransition, State
from deffinov.applications.workflow import TRANSITIONS
from deffinov.calls.models import PARIS
from deffinov.demo.applications import COMPLETE_TITLE, INCOMPLETE_TITLE, WAITING_TITLE, WITHDRAWN_TITLE
from deffinov.demo.call import DEMO_WAVE_SLUG
from deffinov.demo.decisions import REJECTED_TITLE
from deffinov.demo.grants import LAUREATES
from deffinov.instruction.demo import CORRECTION_TITLE, DISMISSED_TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(normandy, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(dt.datetime(2026, 11, 30, 10, 0, tzinfo=PARIS), tick=False)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=False):
        call_command("load_demo", "--wet-run", stdout=out)
    return out.getvalue()


def demo_dossiers():
    return Application.objects.filter(wave__slug=DEMO_WAVE_SLUG)


def test_every_state_of_a_dossier_is_in_the_demo_wave(loaded):
    states = set(demo_dossiers().values_list("state", flat=True))

    assert states == set(State.values), loaded
    drafts = {a.title: a for a in with_dossier(demo_dossiers().filter(state=State.DRAFT))}
    assert verdict_for(drafts[COMPLETE_TITLE]).eligible
    assert not verdict_for(drafts[INCOMPLETE_TITLE]).eligible
    by_title = dict(demo_dossiers().values_list("title", "state"))
    assert by_title[WAITING_TITLE] == State.SUBMITTED
    assert by_title[CORRECTION_TITLE] == State.CORRECTION_REQUESTED
    assert by_title[WITHDRAWN_TITLE] == State.WITHDRAWN
    assert by_title[DISMISSED_TITLE] == State.DISMISSED
    assert by_title[REJECTED_TITLE] == State.REJECTED


def test_each_state_was_reached_through_the_workflow(loaded):
    """From the draft to its state, a dossier's transitions chain, each one a declared transition of the workflow."""
    declared = {(t.source, t.target) for t in TRANSITIONS.values()}
    for application in demo_dossiers().exclude(state=State.DRAFT):
        steps = list(
            ApplicationTransition.objects.filter(application=application)
            .order_by("at", "pk")
            .values_list("from_state", "to_state")
        )
        assert steps[0][0] == State.DRAFT, application.title
        assert steps[-1][1] == application.state, application.title
        assert all(step in declared for step in steps), (application.title, steps)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(steps)), (application.title, steps)
        assert application.snapshot, application.title


def test_loading_the_demo_twice_adds_no_dossier(loaded, django_capture_on_commit_callbacks):
    before = dict(demo_dossiers().values_list("title", "state"))

    with django_capture_on_commit_callbacks(execute=False):
        call_command("load_demo", "--wet-run", stdout=StringIO())

    assert dict(demo_dossiers().values_list("title", "state")) == before


def test_the_demo_has_a_funded_project_at_every_stage_reached_through_the_workflows(loaded):
    from deffinov.grants.models import FundedProject, ProjectState
    from deffinov.payments.models import RecoveryOrder, TrancheState
    from deffinov.reports.models import ReportState

    projects = {p.application.title: p for p in FundedProject.objects.select_related("application")}
    by_stage = {stage: projects[title] for stage, title, _ in LAUREATES}
    assert {p.state for p in projects.values()} == set(ProjectState.values), loaded

    def tranches(stage):
        return list(by_stage[stage].tranches.values_list("state", flat=True))

    def report(stage, kind):
        return by_stage[stage].reports.get(kind=kind).state

    assert by_stage["convention_to_sign"].state == ProjectState.CONVENTION_TO_SIGN
    assert tranches("signed") == [TrancheState.REQUESTABLE, TrancheState.LOCKED, TrancheState.LOCKED]
    assert tranches("tranche_1_paid")[0] == TrancheState.PAID
    assert by_stage["tranche_1_paid"].amendments.exists()
    assert report("interim_submitted", "interim") == ReportState.SUBMITTED
    assert tranches("tranche_2_paid")[:2] == [TrancheState.PAID, TrancheState.PAID]
    assert report("balance", "final") == ReportState.ACCEPTED
    assert tranches("balance")[2] == TrancheState.REQUESTED
    assert by_stage["closed"].state == ProjectState.CLOSED
    assert by_stage["terminated"].state == ProjectState.TERMINATED
    assert RecoveryOrder.objects.filter(project=by_stage["terminated"]).exists()
    for project in projects.values():
        steps = list(project.transitions.order_by("at", "pk").values_list("from_state", "to_state"))
        assert all(a[1] == b[0] for a, b in itertools.pairwise(steps)), (project.number, steps)
        assert not steps or steps[0][0] == ProjectState.CONVENTION_TO_SIGN
