import io

import pytest
from django.utils import timezone

from deffinov.applications.models import State
from deffinov.committee.models import CommitteeSession, Decision, SessionState
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
    past, upcoming = CommitteeSession.objects.order_by("date")
    assert past.date < timezone.now() < upcoming.date
    assert (past.state, upcoming.state) == (SessionState.VALIDATED, SessionState.PLANNED)
    assert past.deliberation_reference and past.deliberation_date >= past.date.date()
    assert past.members.count() == 3  # the secretariat, the demo committee member, a DREETS member
    assert [item.application.title for item in upcoming.agenda.all()] == [SUBMITTED_TITLE]
    decision = Decision.objects.get()
    assert (decision.application.title, decision.application.state) == (DECIDED_TITLE, State.ACCEPTED)
    assert decision.session == past and decision.is_final
    assert decision.amount_granted < 70_000
    assert past.wave.call.signatory_name  # the letters are signed
    opinion = ExpertInvitation.objects.get()
    assert (opinion.application.title, opinion.status) == (SUBMITTED_TITLE, "answered")
    assert Review.objects.count() == 4
