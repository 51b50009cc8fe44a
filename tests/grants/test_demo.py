"""The demo brings its funded projects to their states through the real workflow, and may run twice."""

import pytest

from deffinov.grants import demo
from deffinov.grants.models import ProjectState
from tests.grants.helpers import funded_project

pytestmark = pytest.mark.django_db


def test_the_demo_signs_its_projects_but_one_and_amends_one(instructor, functional_admin):
    to_sign, data = funded_project(instructor, functional_admin)
    amended, _ = funded_project(instructor, functional_admin, wave=data["application"].wave)
    projects = {"convention_to_sign": to_sign, "tranche_1_paid": amended}
    for _ in range(2):
        demo.load_demo(projects, functional_admin)
    assert to_sign.state == ProjectState.CONVENTION_TO_SIGN
    assert amended.state == ProjectState.SIGNED
    assert sorted(amended.convention_documents.values_list("version", flat=True)) == [
        "countersigned",
        "generated",
        "signed",
    ]
    assert amended.amendments.count() == 1
    demo.terminate(amended, functional_admin)
    assert amended.state == ProjectState.TERMINATED
