"""The demonstration brings signed projects to each report stage through the real workflow."""

import pytest

from deffinov.grants.models import FundedProject, ProjectState
from deffinov.payments.models import TrancheState
from deffinov.reports.demo import load_demo
from deffinov.reports.models import ReportState
from tests.grants.helpers import funded_project
from tests.reports.conftest import countersigned

pytestmark = pytest.mark.django_db


def test_load_demo_brings_each_project_to_its_stage(funded, instructor, functional_admin):
    projects = {"interim_submitted": funded[0]}
    for stage in ("interim_accepted", "final_submitted", "final_accepted"):
        project, data = funded_project(instructor, functional_admin)
        projects[stage] = countersigned(project, data, functional_admin)
    load_demo(projects, instructor)
    load_demo(projects)  # twice, and with the instructor found: nothing more
    states = {
        stage: (
            [r.state for r in FundedProject.objects.get(pk=p.pk).reports.order_by("due_on")],
            FundedProject.objects.get(pk=p.pk).state,
            [t.state for t in p.tranches.order_by("position")][1:],
        )
        for stage, p in projects.items()
    }
    requestable, locked = TrancheState.REQUESTABLE, TrancheState.LOCKED
    assert states == {
        "interim_submitted": ([ReportState.SUBMITTED, ReportState.DRAFT], ProjectState.SIGNED, [locked, locked]),
        "interim_accepted": ([ReportState.ACCEPTED, ReportState.DRAFT], ProjectState.SIGNED, [requestable, locked]),
        "final_submitted": ([ReportState.ACCEPTED, ReportState.SUBMITTED], ProjectState.CLOSING, [requestable, locked]),
        "final_accepted": (
            [ReportState.ACCEPTED, ReportState.ACCEPTED],
            ProjectState.CLOSING,
            [requestable, requestable],
        ),
    }
    final = projects["final_accepted"].reports.get(kind="final")
    assert final.versions.get().content["spent_total"] != final.versions.get().content["planned_total"]
