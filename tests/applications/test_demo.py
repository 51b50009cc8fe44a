import io

from deffinov.applications.facts import verdict_for, with_dossier
from deffinov.applications.models import Application
from deffinov.demo.applications import (
    COMPLETE_TITLE,
    INCOMPLETE_TITLE,
    SUBMITTED_TITLE,
    WAITING_TITLE,
    WITHDRAWN_TITLE,
    load_demo_applications,
)
from tests.demo.fixtures import demo, normandy  # noqa: F401


def test_demo_dossiers_are_loaded_once_and_show_each_state(demo):  # noqa: F811
    load_demo_applications(io.StringIO())
    load_demo_applications(io.StringIO())
    assert Application.objects.count() == 5
    complete = with_dossier(Application.objects.filter(title=COMPLETE_TITLE)).get()
    assert complete.state == "draft"
    verdict = verdict_for(complete)
    assert verdict.eligible, [rule.message for rule in verdict.rules if rule.blocking]
    incomplete = Application.objects.get(title=INCOMPLETE_TITLE)
    assert incomplete.participations.filter(status="invited").exists()
    assert not verdict_for(with_dossier(Application.objects.filter(pk=incomplete.pk)).get()).eligible
    submitted = Application.objects.get(title=SUBMITTED_TITLE)
    assert submitted.state == "submitted" and submitted.snapshot["members"]
    assert Application.objects.get(title=WAITING_TITLE).state == "submitted"
    withdrawn = Application.objects.get(title=WITHDRAWN_TITLE)
    assert withdrawn.state == "withdrawn" and withdrawn.transitions.last().motivation
