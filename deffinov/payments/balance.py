"""What a tranche may pay: its amount, or for the balance, the grant pro rata of justified expenses.

    due = grant × justified expenses / planned expenses, capped at the grant
    balance = due − already paid   (negative: the lead pays back the difference, « ordre de reversement »)

Computed exactly (fractions), then rounded down to the cent, and said so: nothing is rounded silently."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from django.db.models import Sum

from deffinov.applications.bounds import CENT
from deffinov.payments.models import TrancheState

ZERO = Decimal(0)


@dataclass(frozen=True)
class Balance:
    grant: Decimal
    planned: Decimal
    justified: Decimal
    due: Decimal  # what the justified expenses earn, rounded down to the cent
    rounded_down: bool  # `due` lost a fraction of a cent
    paid: Decimal

    @property
    def amount(self):
        """What is left to pay (never negative)."""
        return max(self.due - self.paid, ZERO)

    @property
    def overpaid(self):
        """What was paid beyond what the expenses earn: to pay back."""
        return max(self.paid - self.due, ZERO)


def pro_rata(grant, planned, justified, paid):
    """The balance of a grant of `grant` € for `justified` € spent out of `planned` €, `paid` € already paid."""
    if planned <= 0:
        exact = Fraction(0)
    else:
        exact = min(Fraction(grant) * Fraction(justified) / Fraction(planned), Fraction(grant))
    cents = Decimal(exact.numerator * 100 // exact.denominator) * CENT
    due = cents.quantize(CENT, rounding=ROUND_DOWN)
    return Balance(grant, planned, justified, due, Fraction(due) != exact, paid)


def already_paid(project):
    return project.tranches.filter(state=TrancheState.PAID).aggregate(total=Sum("amount_paid"))["total"] or ZERO


def planned_expenses(project):
    return project.application.expenses.aggregate(total=Sum("amount"))["total"] or ZERO


def unlocked_amount(tranche, justified=None):
    """The most the lead may ask for this tranche: its amount, or the balance for `justified` € of expenses."""
    if not tranche.is_balance:
        return tranche.amount
    project = tranche.project
    return pro_rata(project.amount_granted, planned_expenses(project), justified or ZERO, already_paid(project)).amount
