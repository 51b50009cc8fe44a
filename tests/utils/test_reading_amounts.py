"""One reader of amounts typed the French way, for the dossier's budget and for the committee: both accept and
refuse the same texts, each then keeps its own bounds."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from deffinov.applications.forms.fields import EurosField
from deffinov.committee.amounts import AmountError, parse_amount
from deffinov.formatting import UnreadableNumber, parse_euros
from deffinov.formatting import euros as format_euros

FIELD = EurosField()

READ = [
    ("1 500,50", Decimal("1500.50")),
    ("1\xa0500,50", Decimal("1500.50")),
    ("1\u202f500,50", Decimal("1500.50")),
    ("1500.5", Decimal("1500.5")),
    ("95 000 €", Decimal(95_000)),
    ("95 000 EUR", Decimal(95_000)),
    ("12 000 euros", Decimal(12_000)),
    ("1.500.000", Decimal(1_500_000)),
    ("1 500 000,50", Decimal("1500000.50")),
    ("1'500", Decimal(1500)),
]
REFUSED = ["NaN", "Infinity", "-Infinity", "1e-30", "1E5", "-5", "+5", "1,2,3", "\u0663\u0660\u0660", "３００", "douze"]


@pytest.mark.parametrize(("typed", "expected"), READ)
def test_the_budget_and_the_committee_read_the_same_amounts(typed, expected):
    assert parse_euros(typed) == expected
    assert parse_amount(typed) == expected
    assert FIELD.clean(typed) == expected


@pytest.mark.parametrize("typed", REFUSED)
def test_the_budget_and_the_committee_refuse_the_same_texts(typed):
    with pytest.raises(UnreadableNumber):
        parse_euros(typed)
    with pytest.raises(AmountError, match="Écrivez le montant en chiffres"):
        parse_amount(typed)
    with pytest.raises(ValidationError):
        FIELD.clean(typed)


@pytest.mark.parametrize("typed", ["1,500", "1.500"])
def test_the_committee_asks_rather_than_grants_one_euro_fifty(typed):
    """« 1,500 » is a thousand and a half for some, one and a half for others: asked, in both places."""
    with pytest.raises(AmountError, match="est ambigu"):
        parse_amount(typed)
    with pytest.raises(ValidationError, match="est ambigu"):
        FIELD.clean(typed)


@settings(max_examples=200, deadline=None)
@given(amount=st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2))
def test_every_amount_the_platform_writes_reads_back_the_same(amount):
    assert parse_euros(format_euros(amount)) == amount
    assert parse_amount(format_euros(amount)) == amount
