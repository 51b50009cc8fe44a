from decimal import Decimal

import pytest

from deffinov.grants.models import ProjectState
from deffinov.payments.demo import load_demo
from deffinov.payments.models import RecoveryOrder

pytestmark = pytest.mark.django_db


def test_the_demo_shows_paid_tranches_a_closed_project_and_a_recovery(funded, instructor, finance_officer):
    project, _ = funded
    load_demo({"recovery": project}, instructor, finance_officer)
    project.refresh_from_db()
    assert [t.state for t in project.tranches.all()] == ["paid", "paid", "paid"]
    assert RecoveryOrder.objects.get(project=project).amount == Decimal(18_000)
    assert project.state == ProjectState.CLOSING
