"""Opening hours in OpenStreetMap's `opening_hours` syntax (the « lieux de médiation numérique » standard's
`horaires`), read and written out in French.

The common subset places use: days and ranges of days (`Mo-Fr`, `Mo,We,Fr`), several time spans per day
(`09:00-12:00,14:00-18:30`), `off` / `closed`, public holidays (`PH off`, `PH 10:00-12:00`), `24/7`, rules
separated by `;` where a later rule replaces the days it names. Anything else is refused with a French message
naming the rule and what is wrong in it, never an exception the page does not catch.

    >>> schedule = parse("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00; PH off")
    >>> describe(schedule)
    'du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h 30 ; le samedi de 8 h 30 à 12 h ; fermé les jours fériés'
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\u00a0"
DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
FULL_DAY = ((0, 24 * 60),)
SPAN = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
MAX_LENGTH = 500


class HoursError(ValueError):
    """The text is not opening hours this module reads; the message says why, in French."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Schedule:
    # For each day of the week (Monday first), its opening spans in minutes since midnight, sorted and merged.
    week: tuple
    # The spans on public holidays; None when the text says nothing about them (the weekday's hours apply).
    holidays: tuple | None = None

    @property
    def always_open(self):
        return all(day == FULL_DAY for day in self.week) and self.holidays in (None, FULL_DAY)

    def spans_on(self, date):
        if self.holidays is not None and is_public_holiday(date):
            return self.holidays
        return self.week[date.weekday()]

    def is_open_at(self, moment):
        local = moment.astimezone(PARIS)
        minute = local.hour * 60 + local.minute
        return any(start <= minute < end for start, end in self.spans_on(local.date()))


# Reading ---------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=2048)
def parse(text):
    """The schedule the text describes; HoursError (French) when it cannot be read."""
    text = (text or "").strip()
    if not text:
        raise HoursError("Les horaires sont vides.")
    if len(text) > MAX_LENGTH:
        raise HoursError(f"Les horaires sont trop longs (plus de {MAX_LENGTH} caractères).")
    week = [() for _ in DAYS]
    holidays = None
    rules = [rule.strip() for rule in text.split(";")]
    for number, rule in enumerate(rules, start=1):
        if not rule:
            if number == len(rules):
                continue  # A trailing « ; ».
            raise HoursError(f"Règle {number} vide : retirez le « ; » en trop.")
        try:
            days, on_holidays, spans = _rule(rule)
        except HoursError as error:
            where = f"Règle {number} (« {rule} »)" if len(rules) > 1 else f"« {rule} »"
            raise HoursError(f"{where} : {error.message}") from None
        for day in days:
            week[day] = spans
        if on_holidays:
            holidays = spans
    return Schedule(week=tuple(week), holidays=holidays)


def error_of(text):
    """The French message saying why the text cannot be read, or "" when it can."""
    try:
        parse(text)
    except HoursError as error:
        return error.message
    return ""


def _rule(rule):
    """(days, whether public holidays are named, spans) of one rule."""
    if rule.lower() == "24/7":
        return range(7), False, FULL_DAY
    # « Mo - Fr 09:00 - 12:00 , 14:00-18:00 » is read as « Mo-Fr 09:00-12:00,14:00-18:00 ».
    compact = re.sub(r"\s*([,-])\s*", r"\1", rule)
    tokens = compact.split()
    selector = ""
    if tokens and re.match(r"^[A-Za-z]", tokens[0]) and tokens[0].lower() not in {"off", "closed", "open"}:
        selector = tokens.pop(0)
    days, on_holidays = _days(selector) if selector else (range(7), False)
    if not tokens:
        raise HoursError("indiquez les heures d'ouverture (par exemple 09:00-18:00) ou « off » pour un jour fermé.")
    if len(tokens) == 1 and tokens[0].lower() in {"off", "closed"}:
        return days, on_holidays, ()
    return days, on_holidays, _spans(",".join(tokens))


def _days(selector):
    days, on_holidays = [], False
    for item in selector.split(","):
        lowered = item.lower()
        if lowered == "ph":
            on_holidays = True
            continue
        if "-" in lowered:
            first, _, last = lowered.partition("-")
            start, end = _day(first, item), _day(last, item)
            days.extend(range(start, end + 1) if start <= end else [*range(start, 7), *range(0, end + 1)])
        else:
            days.append(_day(lowered, item))
    return days, on_holidays


def _day(code, item):
    if code in DAYS:
        return DAYS.index(code)
    raise HoursError(
        f"« {item} » n'est pas un jour reconnu : écrivez les jours en abrégé anglais "
        "(Mo, Tu, We, Th, Fr, Sa, Su), les jours fériés PH, par exemple « Mo-Fr 09:00-18:00 »."
    )


def _spans(text):
    spans = []
    for item in text.split(","):
        match = SPAN.match(item)
        if not match:
            raise HoursError(f"« {item} » n'est pas une plage horaire : écrivez-la comme 09:00-12:00.")
        start_hour, start_minute, end_hour, end_minute = (int(group) for group in match.groups())
        for hour, minute in ((start_hour, start_minute), (end_hour, end_minute)):
            if hour > 24 or minute > 59 or (hour == 24 and minute):
                raise HoursError(f"« {hour:02d}:{minute:02d} » n'est pas une heure valide (de 00:00 à 24:00).")
        start, end = start_hour * 60 + start_minute, end_hour * 60 + end_minute
        if end <= start:
            raise HoursError(f"la plage « {item} » finit avant de commencer.")
        spans.append((start, end))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


# Public holidays in France ----------------------------------------------------------------------------------------


def easter(year):
    """Easter Sunday (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    day = (h + l - 7 * m + 33 * month + 19) % 32
    return dt.date(year, month, day)


@lru_cache(maxsize=64)
def public_holidays(year):
    sunday = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    movable = [sunday + dt.timedelta(days=offset) for offset in (1, 39, 50)]
    return frozenset([dt.date(year, month, day) for month, day in fixed] + movable)


def is_public_holiday(date):
    return date in public_holidays(date.year)


# Writing ---------------------------------------------------------------------------------------------------------


def clock(minutes):
    """« 9 h », « 18 h 30 », « minuit »: a time of day as a schedule says it."""
    if minutes in (0, 24 * 60):
        return "minuit"
    hour, minute = divmod(minutes, 60)
    return f"{hour}{NBSP}h" + (f"{NBSP}{minute:02d}" if minute else "")


def spans_phrase(spans):
    """« de 9 h à 12 h et de 14 h à 18 h 30 », « 24 h sur 24 »."""
    if spans == FULL_DAY:
        return f"24{NBSP}h sur 24"
    parts = [f"de {clock(start)} à {clock(end)}" for start, end in spans]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def days_phrase(days):
    """« du lundi au vendredi », « le samedi », « le lundi et le mardi », « tous les jours »."""
    if len(days) == 7:
        return "tous les jours"
    if len(days) == 1:
        return f"le {DAY_NAMES[days[0]]}"
    if len(days) == 2:
        return f"le {DAY_NAMES[days[0]]} et le {DAY_NAMES[days[1]]}"
    return f"du {DAY_NAMES[days[0]]} au {DAY_NAMES[days[-1]]}"


def describe(schedule):
    """The schedule in French, its runs of days with the same hours one after the other."""
    if schedule.always_open:
        return f"ouvert 24{NBSP}h sur 24, 7 jours sur 7"
    phrases, run = [], []
    for day in range(8):
        spans = schedule.week[day] if day < 7 else None
        if run and spans == schedule.week[run[0]]:
            run.append(day)
            continue
        if run and schedule.week[run[0]]:
            phrases.append(f"{days_phrase(run)} {spans_phrase(schedule.week[run[0]])}")
        run = [day]
    if not phrases:
        phrases.append("fermé toute la semaine")
    if schedule.holidays == ():
        phrases.append("fermé les jours fériés")
    elif schedule.holidays:
        phrases.append(f"les jours fériés {spans_phrase(schedule.holidays)}")
    return " ; ".join(phrases)


def week_lines(schedule):
    """(day name, its hours in French) for each day of the week, for a table."""
    return [
        (DAY_NAMES[day].capitalize(), spans_phrase(spans).capitalize() if spans else "Fermé")
        for day, spans in enumerate(schedule.week)
    ]


@dataclass(frozen=True)
class Status:
    is_open: bool
    phrase: str


def status(schedule, moment):
    """Open or closed at `moment`, and until when: « Ouvert maintenant, ferme à 18 h 30 »,
    « Fermé maintenant, ouvre demain à 9 h »."""
    if schedule.always_open:
        return Status(True, f"Ouvert maintenant, 24{NBSP}h sur 24")
    local = moment.astimezone(PARIS)
    today, minute = local.date(), local.hour * 60 + local.minute
    for start, end in schedule.spans_on(today):
        if start <= minute < end:
            return Status(True, f"Ouvert maintenant, ferme à {clock(end)}")
    for offset in range(8):
        date = today + dt.timedelta(days=offset)
        for start, _end in schedule.spans_on(date):
            if offset == 0 and start <= minute:
                continue
            when = {0: "", 1: "demain "}.get(offset, f"{DAY_NAMES[date.weekday()]} ")
            return Status(False, f"Fermé maintenant, ouvre {when}à {clock(start)}")
    return Status(False, "Fermé maintenant")
