import io

import pytest

from deffinov.applications.models import State
from deffinov.demo.applications import load_demo_applications
from deffinov.instruction.models import Annotation, Assignment, CorrectionRequest, Label, Message
from tests.demo.fixtures import demo, normandy  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_demo_instruction_loads_twice_without_duplicates(demo):  # noqa: F811
    load_demo_applications(io.StringIO())
    from deffinov.instruction.demo import CORRECTION_TITLE, load_demo_instruction

    for _ in range(2):
        load_demo_instruction(io.StringIO())
    correction = CorrectionRequest.objects.get()
    assert correction.application.title == CORRECTION_TITLE
    assert correction.application.state == State.CORRECTION_REQUESTED
    assert Label.objects.count() == 3
    assert Assignment.objects.count() == 2
    assert Annotation.objects.count() == 2
    assert Message.objects.count() == 2
    assert Assignment.objects.filter(application__state=State.IN_REVIEW).count() == 1
