"""The sane window of every figure a dossier holds: dates and amounts, checked by the forms and the database.

A date outside the window or an amount over the limit is a typing slip (« 9999-12-31 », one zero too many):
the forms refuse it with a French message, and what reads the dossier never trusts a stored one blindly.
"""

import datetime as dt
from decimal import Decimal

EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
# Every amount of a dossier is below a hundred million euros, in cents.
AMOUNT_LIMIT = Decimal(100_000_000)
CENT = Decimal("0.01")


def date_window(wave=None):
    """The dates a project of `wave` may have: from the year before the wave opens to five years after the
    programme ends (within 2000–2100 whatever the call says)."""
    if wave is None:
        return EARLIEST_DATE, LATEST_DATE
    earliest = max(EARLIEST_DATE, dt.date(wave.opens_at.year - 1, 1, 1))
    latest = dt.date(min(wave.call.programme_ends_on.year + 5, LATEST_DATE.year), 12, 31)
    return earliest, max(earliest, latest)


def sane_date(value):
    """`value` when inside the widest window, else None: a stored slip reads as a missing date."""
    if value is None or not EARLIEST_DATE <= value <= LATEST_DATE:
        return None
    return value
