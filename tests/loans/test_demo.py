"""The demonstration's items and loans: several structures, a loan in every state, loaded twice the same."""

import io

from deffinov.loans.demo import load_demo_loans
from deffinov.loans.models import Item, Loan, LoanState
from deffinov.network.demo import load_demo_places
from tests.demo.fixtures import demo, normandy  # noqa: F401


def test_the_demo_has_items_of_several_structures_and_loans_in_every_state(demo):  # noqa: F811
    out = io.StringIO()
    load_demo_places(out)
    load_demo_loans(out)
    load_demo_loans(out)
    assert Item.objects.values("organisation").distinct().count() >= 4
    assert Item.objects.count() == 8
    assert set(Loan.objects.values_list("state", flat=True)) == set(LoanState.values)
    assert Loan.objects.count() == 7
    assert Item.objects.filter(pickup_place__isnull=False).exists()
    assert "8 objets, 0 prêts créés" in out.getvalue()
    for item in Item.objects.all():
        item.full_clean()
