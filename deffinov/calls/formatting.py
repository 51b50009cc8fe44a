"""Amounts, rates and dates written the French way, in Paris time."""

import datetime as dt
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from deffinov.calls.models import PARIS

NBSP = "\xa0"


def group_thousands(integer_part):
    digits = str(abs(integer_part))
    groups = []
    while digits:
        digits, group = digits[:-3], digits[-3:]
        groups.insert(0, group)
    return ("-" if integer_part < 0 else "") + NBSP.join(groups)


def format_number(value):
    """1450000 -> '1 450 000'; 1234.5 -> '1 234,50'; 12.5 -> '12,5' only for rates (see format_percent)."""
    value = Decimal(value)
    integer_part = int(value)
    cents = abs(value - integer_part).quantize(Decimal("0.01"))
    text = group_thousands(integer_part)
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return text


def format_euros(value):
    """Decimal('50000.00') -> '50 000 €', with non-breaking spaces."""
    if value is None or value == "":
        return ""
    return f"{format_number(value)}{NBSP}€"


def format_percent(rate):
    """Decimal('0.30') -> '30 %'; Decimal('0.125') -> '12,5 %'."""
    if rate is None or rate == "":
        return ""
    percent = (Decimal(rate) * 100).normalize()
    text = format(percent, "f").replace(".", ",")  # normalize() drops trailing zeros: 30, 12,5
    return f"{text}{NBSP}%"


def in_paris(value):
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(PARIS)
    return value


def format_date(value):
    """'1er mars 2024', '11 mars 2024': the day, in Paris for a date and time."""
    if not value:
        return ""
    value = in_paris(value)
    day = _("1er") if value.day == 1 else str(value.day)
    return f"{day} {formats.date_format(value, 'F Y')}"


def format_time(value):
    """'23 h 59', in Paris."""
    if not value:
        return ""
    value = in_paris(value)
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"
