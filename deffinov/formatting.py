"""Amounts, rates, dates and times written the French way, in Paris time: the one formatter of the platform.

Pages (through the `fr` template filters), PDFs, emails, exports and the eligibility engine's messages all
call these functions, so that two places never write the same figure differently. Separators are
non-breaking spaces, as in Django's French locale: « 120 000 € », « 32,5 % », « 11 mars 2024 à 23 h 59 ».

A rate is rounded DOWN to 0,1 %: a cofinancing of 29,96 % reads « 29,9 % », never « 30 % ». Whether a rate
meets a floor is decided on exact values by the engine (`deffinov.eligibility.engine.cofinancing_met`),
never on what is displayed.

The formatters are cached: the call's own numbers and dates recur in every verdict the engine writes.
"""

import datetime as dt
import re
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.utils.translation import gettext as _

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\xa0"


def in_paris(value):
    """A datetime in Paris time; a date (or anything else) as it is."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(PARIS)
    return value


def to_decimal(value):
    """A Decimal from a number or the string of one (as stored in a snapshot); None when empty or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


# Numbers ----------------------------------------------------------------------------------------------------


def number(value):
    """A JSON-friendly number: int when whole, else float."""
    if isinstance(value, int):
        return value
    integral = int(value)
    return integral if integral == value else float(value)


def grouped(value):
    """1234567 -> « 1 234 567 », 1234.5 -> « 1 234,50 », -1500 -> « -1 500 »."""
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    cents = value.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    whole = int(cents)
    text = f"{abs(whole):,}".replace(",", NBSP)
    fraction = abs(cents - whole)
    if fraction:
        text += "," + f"{fraction:.2f}"[2:]
    return ("-" if cents < 0 else "") + text


@lru_cache(maxsize=4096)
def _euros(value):
    return f"{grouped(value)}{NBSP}€"


def euros(value):
    """« 50 000 € », « 1 234,50 € »; empty for no amount."""
    amount = to_decimal(value)
    return "" if amount is None else _euros(amount)


@lru_cache(maxsize=4096)
def _percent(rate):
    tenths = (rate * 1000).to_integral_value(rounding=ROUND_DOWN)
    whole, decimal = divmod(abs(int(tenths)), 10)
    text = f"{whole},{decimal}" if decimal else str(whole)
    return f"{'-' if tenths < 0 else ''}{text}{NBSP}%"


def percent(rate):
    """A rate (0.325) as « 32,5 % », rounded down (towards zero) to one decimal; empty for no rate."""
    value = to_decimal(rate)
    return "" if value is None else _percent(value)


def share(value):
    """A share typed by a collectif (0.3333 -> « 33,33 % »), written exactly as stored; empty for none."""
    rate = to_decimal(value)
    if rate is None:
        return ""
    text = format((rate * 100).normalize(), "f").replace(".", ",")
    return f"{text}{NBSP}%"


# Numbers typed by people -------------------------------------------------------------------------------------

# What people and spreadsheets put between thousands: any space (no-break and narrow no-break included), and the
# apostrophe of Swiss grouping (« 1'500 »).
THOUSANDS_SPACES = re.compile(r"[\s']")
EURO_UNIT = re.compile(r"(?:€|eur|euros?)$", re.IGNORECASE)
DIGITS_AND_SEPARATORS = re.compile(r"[0-9.,]+")  # ASCII digits only: « ٣٠٠ » or « ３００ » is not a number


class UnreadableNumber(ValueError):
    """What was typed is not a plain number. `code` says why — « invalid », « negative », « ambiguous »,
    « decimals » — so that each caller words it its own way; `params` fill its message; `message` is a default."""

    MESSAGES = {
        "invalid": "Écrivez le nombre en chiffres, par exemple 1 500,50.",
        "negative": "Indiquez un nombre positif, sans signe moins.",
        "ambiguous": (
            "« %(value)s » est ambigu : pour des milliers, séparez-les par une espace (%(thousands)s) ; "
            "pour des centimes, indiquez au plus deux décimales."
        ),
        "decimals": "Indiquez au plus deux décimales, par exemple 1 500,50.",
    }

    def __init__(self, code, **params):
        self.code, self.params = code, params
        self.message = self.MESSAGES[code] % params if params else self.MESSAGES[code]
        super().__init__(self.message)


def parse_decimal(text, unit=None):
    """A number written the French way → Decimal, exactly as read, with at most two decimals; None when empty.

    « 1 500,50 », « 1,5 », « 1500.5 », « 1.500.000 », « 1.500,50 », « 1 500 » with no-break or narrow no-break
    spaces. `unit`, a pattern, is what may follow the number (« € », « % »). Refuses (UnreadableNumber) NaN,
    Infinity, exponents, signs, non-ASCII digits, a third decimal, and « 1.500 » (a thousand and a half, or one
    and a half? asked rather than guessed)."""
    text = str(text if text is not None else "").strip()
    compact = THOUSANDS_SPACES.sub("", unit.sub("", text) if unit is not None else text)
    if not compact:
        return None
    if compact.startswith("-"):
        raise UnreadableNumber("negative")
    if not DIGITS_AND_SEPARATORS.fullmatch(compact) or compact[0] in ".," or compact[-1] in ".,":
        raise UnreadableNumber("invalid")
    separators = [character for character in compact if character in ".,"]
    if not separators:
        return Decimal(compact)
    if len(separators) == 1:
        whole, fraction = re.split(r"[.,]", compact)
        if len(fraction) == 3:
            raise UnreadableNumber("ambiguous", value=text, thousands=f"{whole}{NBSP}{fraction}")
        return _with_cents(whole, fraction)
    # « 1.500.000 », « 1.500,50 », « 1,500.50 »: one thousands separator, then perhaps the other for cents.
    thousands, last = separators[0], separators[-1]
    if any(separator != thousands for separator in separators[:-1]):
        raise UnreadableNumber("invalid")
    whole, fraction = compact.rsplit(last, 1) if last != thousands else (compact, "")
    if not re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(thousands)}[0-9]{{3}})+", whole):
        raise UnreadableNumber("invalid")
    return _with_cents(whole.replace(thousands, ""), fraction)


def _with_cents(whole, fraction):
    if len(fraction) > 2:
        raise UnreadableNumber("decimals")
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


def parse_euros(text):
    """An amount typed the French way (« 95 000 € », « 1 500,50 », « 12 000 EUR ») → Decimal; None when empty.

    The one reader of amounts: the dossier's fields and the committee's call it, each with its own bounds."""
    return parse_decimal(text, unit=EURO_UNIT)


# Dates and times, in Paris -------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _day(value: dt.date, language):
    ordinal = _("1er") if value.day == 1 else str(value.day)
    return f"{ordinal} {MONTHS[value.month]} {value.year}"


def day(value):
    """« 1er mars 2024 », « 11 mars 2024 »: the day of a date, or of a datetime in Paris; empty for none."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10]) if len(value) <= 10 else dt.datetime.fromisoformat(value)
    value = in_paris(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return _day(value, get_language())


def time(value):
    """« 23 h 59 », in Paris."""
    if not value:
        return ""
    local = in_paris(value)
    return f"{local.hour}{NBSP}h{NBSP}{local.minute:02d}"


def datetime(value):
    """« 11 mars 2024 à 23 h 59 », in Paris: the one way the platform writes a moment."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return _("%(day)s à %(time)s") % {"day": day(value), "time": time(value)}


def datetime_seconds(value):
    """« 11 mars 2024 à 23 h 58 min 12 s », in Paris: a receipt's timestamp, to the second."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    local = in_paris(value)
    return _("%(day)s à %(time)s") % {
        "day": day(local),
        "time": f"{local.hour}{NBSP}h{NBSP}{local.minute:02d}{NBSP}min{NBSP}{local.second:02d}{NBSP}s",
    }


def months(count):
    """12 -> « 1 an », 24 -> « 2 ans », 18 -> « 18 mois »."""
    if count and count % 12 == 0:
        years = count // 12
        return _("%(years)s an") % {"years": years} if years == 1 else _("%(years)s ans") % {"years": years}
    return _("%(count)s mois") % {"count": count}


def iso(value):
    """ISO 8601; a datetime in Paris time."""
    if isinstance(value, dt.datetime):
        return value.astimezone(PARIS).isoformat()
    return value.isoformat()


# Lists -----------------------------------------------------------------------------------------------------------


def quoted_list(items):
    """« A », « B » et « C »."""
    return plain_list([f"«{NBSP}{item}{NBSP}»" for item in items])


def plain_list(items):
    """A, B et C."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s et %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


# Sizes -----------------------------------------------------------------------------------------------------------


def file_size(size):
    """A file's size in French units: « 820 octets », « 350 ko », « 1,2 Mo » (1 ko = 1 024 octets)."""
    if size is None or size == "":
        return ""
    size = int(size)
    if size < 1024:
        return f"{size}{NBSP}{_('octet') if size == 1 else _('octets')}"
    if size < 1024 * 1024:
        return f"{round(size / 1024)}{NBSP}ko"
    megabytes = Decimal(size) / (1024 * 1024)
    text = f"{megabytes:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text}{NBSP}Mo"
