import io

import pytest

from deffinov.applications.models import State
from deffinov.committee.models import AgendaItem, CommitteeSession, Decision
from deffinov.demo.applications import SUBMITTED_TITLE, load_demo_applications
from deffinov.reviews.models import ExpertInvitation, Review, ScoringCriterion
from tests.demo.fixtures import demo, normandy  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_demo_committee_loads_twice_without_duplicates(demo, django_capture_on_commit_callbacks):  # noqa: F811
    from deffinov.committee.demo import DECIDED_TITLE, load_demo_committee
    from deffinov.instruction.demo import load_demo_instruction

    load_demo_applications(io.StringIO())
    load_demo_instruction(io.StringIO())
    for _ in range(2):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=False):
            load_demo_committee(out)
    assert "dossier(s) à l'ordre du jour" in out.getvalue()
    assert ScoringCriterion.objects.filter(call=demo.call).count() == 7
    session = CommitteeSession.objects.get()
    assert session.members.count() == 2
    assert AgendaItem.objects.count() == 2
    decision = Decision.objects.get()
    assert (decision.application.title, decision.application.state) == (DECIDED_TITLE, State.ACCEPTED)
    assert decision.amount_granted < 70_000
    opinion = ExpertInvitation.objects.get()
    assert (opinion.application.title, opinion.status) == (SUBMITTED_TITLE, "answered")
    assert Review.objects.count() == 4
