"""No select offers « --------- »: an empty choice reads as a French invitation, or there is none."""

import html as entities

import pytest

from deffinov.applications.forms.budget import ExpenseForm, ResourceForm
from deffinov.committee.forms import MemberForm
from deffinov.instruction.forms import AssignmentForm
from tests.applications.factories import draft

DASHES = "---------"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "invitation"),
    [
        (lambda: MemberForm(), "Choisir l'institution…"),
        (lambda: AssignmentForm(), "Choisir un instructeur…"),
        (lambda: ExpenseForm(application=draft()[0]), "Choisir une catégorie…"),
        (lambda: ResourceForm(), "Choisir la nature…"),
    ],
)
def test_empty_choices_read_as_an_invitation(build, invitation):
    html = entities.unescape(str(build()))

    assert DASHES not in html
    assert invitation in html
