"""When an item is free: month grids and the list of reserved periods, from the loans that hold it."""

import calendar as stdlib_calendar
import datetime as dt
from dataclasses import dataclass

from deffinov.loans.models import HOLDING_STATES

MONTHS = [
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
]
WEEKDAYS = [
    ("lun.", "lundi"),
    ("mar.", "mardi"),
    ("mer.", "mercredi"),
    ("jeu.", "jeudi"),
    ("ven.", "vendredi"),
    ("sam.", "samedi"),
    ("dim.", "dimanche"),
]


@dataclass(frozen=True)
class Day:
    date: dt.date
    busy: bool
    past: bool

    @property
    def status(self):
        if self.past:
            return "passé"
        return "réservé" if self.busy else "libre"


@dataclass(frozen=True)
class Month:
    title: str
    weeks: list  # lists of seven Day or None


def holding_periods(item, today):
    """The loans holding the item from today on, earliest first."""
    return list(item.loans.filter(state__in=HOLDING_STATES, ends_on__gte=today).order_by("starts_on"))


def months(periods, today, count=2):
    """`count` month grids from today's month, each day marked free or reserved."""
    grids = []
    year, month = today.year, today.month
    for _ in range(count):
        weeks = []
        for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            weeks.append(
                [
                    Day(day, any(p.starts_on <= day <= p.ends_on for p in periods), day < today)
                    if day.month == month
                    else None
                    for day in week
                ]
            )
        grids.append(Month(f"{MONTHS[month - 1]} {year}", weeks))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return grids
