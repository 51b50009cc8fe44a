"""Numbers, amounts and dates written the French way, cheaply (the engine formats many messages).

The call's own numbers and dates recur in every verdict: the formatters remember recent values.

Separators are non-breaking spaces, as in Django's French locale: « 120 000 € », « 32 % »,
« 11 mars 2024 à 23 h 59 ».
"""

import datetime as dt
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\xa0"
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def number(value):
    """A JSON-friendly number: int when whole, else float."""
    if isinstance(value, int):
        return value
    integral = int(value)
    return integral if integral == value else float(value)


def grouped(value):
    """1234567 -> « 1 234 567 », 1234.5 -> « 1 234,50 »."""
    if isinstance(value, Decimal | float) and value != int(value):
        whole, cents = f"{value:,.2f}".split(".")
        return whole.replace(",", NBSP) + "," + cents
    return f"{int(value):,}".replace(",", NBSP)


@lru_cache(maxsize=4096)
def euros(value):
    return f"{grouped(value)}{NBSP}€"


@lru_cache(maxsize=4096)
def percent(rate):
    """A rate (0.325) as « 32,5 % »: rounded down to one decimal, so a rate just below a floor never shows as equal."""
    tenths = (Decimal(rate) * 1000).to_integral_value(rounding=ROUND_DOWN)
    whole, decimal = divmod(int(tenths), 10)
    if tenths < 0 and decimal:
        whole, decimal = whole + 1, 10 - decimal
    text = f"{whole},{decimal}" if decimal else str(whole)
    return f"{text}{NBSP}%"


@lru_cache(maxsize=4096)
def day(value: dt.date):
    """« 1er mars 2024 », « 11 mars 2024 »."""
    ordinal = "1er" if value.day == 1 else str(value.day)
    return f"{ordinal} {MONTHS[value.month - 1]} {value.year}"


@lru_cache(maxsize=4096)
def paris_datetime(value: dt.datetime):
    """« 11 mars 2024 à 23 h 59 », in Paris time."""
    local = value.astimezone(PARIS)
    return f"{day(local)} à {local.hour} h {local.minute:02d}"


@lru_cache(maxsize=4096)
def months(count):
    """12 -> « 1 an », 24 -> « 2 ans », 18 -> « 18 mois »."""
    if count and count % 12 == 0:
        years = count // 12
        return f"{years} an" if years == 1 else f"{years} ans"
    return f"{count} mois"


@lru_cache(maxsize=256)
def iso(value):
    """ISO 8601; a datetime in Paris time."""
    if isinstance(value, dt.datetime):
        return value.astimezone(PARIS).isoformat()
    return value.isoformat()


def quoted_list(items):
    """« A », « B » et « C »."""
    quoted = [f"«{NBSP}{item}{NBSP}»" for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " et " + quoted[-1]


def plain_list(items):
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]
