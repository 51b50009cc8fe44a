"""Amounts of the committee (proposed and granted): read the French way, then bounded.

Every amount is finite, strictly positive, in cents, below `LIMIT` (what the columns hold), at most the amount
requested and never above the call's maximum. Below the call's minimum is allowed: the call examines smaller grants
case by case, so the committee gets a warning, not a refusal.
"""

from decimal import Decimal

from deffinov.formatting import UnreadableNumber, parse_euros
from deffinov.formatting import euros as format_euros

LIMIT = Decimal("10_000_000_000")  # ten figures before the comma: the columns are DECIMAL(12, 2)
CENT = Decimal("0.01")
UNREADABLE = "Écrivez le montant en chiffres, par exemple 95 000 ou 1 500,50."


class AmountError(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def parse_amount(text):
    """« 95 000 », « 1 500,50 », « 1500,5 », « 95 000 € », « 1500.5 » → Decimal; None when empty.

    Read by the platform's one reader of amounts (`deffinov.formatting.parse_euros`): refuses (AmountError, in
    French) NaN, Infinity, exponents (1e-30), signs, non-ASCII digits, and « 1,500 » whose meaning is unsure."""
    try:
        return parse_euros(text)
    except UnreadableNumber as error:
        raise AmountError(error.message if error.code in ("ambiguous", "decimals") else UNREADABLE) from error


def check_bounds(amount, requested, call, what="Le montant"):
    """Raise AmountError when `amount` (a Decimal) is not a sound committee amount for this dossier.

    Returns a warning (str) when the amount is below the call's usual minimum, else ""."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise AmountError(f"{what} doit être un nombre, par exemple 95 000.")
    if amount <= 0:
        raise AmountError(f"{what} doit être supérieur à 0 €.")
    if amount >= LIMIT:
        raise AmountError(f"{what} est hors de proportion : il doit rester inférieur à {format_euros(LIMIT)}.")
    if amount != amount.quantize(CENT):
        raise AmountError(f"{what} s'écrit en euros et centimes, avec au plus deux décimales.")
    if requested is not None and amount > requested:
        raise AmountError(f"{what} ne peut pas dépasser le montant demandé ({format_euros(requested)}).")
    if amount > call.grant_max:
        raise AmountError(f"{what} ne peut pas dépasser le maximum de l'appel ({format_euros(call.grant_max)}).")
    if amount < call.grant_min:
        return (
            f"{format_euros(amount)} est inférieur au montant habituel de l'appel ({format_euros(call.grant_min)}) : "
            "l'appel examine ces demandes au cas par cas."
        )
    return ""
