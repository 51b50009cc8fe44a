"""Whether a call's and a wave's dates and figures hold together, said in French (the models' `clean()`).

A wave must leave time for a project of the call's minimum duration, starting the day after the wave closes,
to end by the end of the programme (or the wave's own end of projects); its committee meets after it closes;
it opens before it closes.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from deffinov.eligibility.engine import add_months
from deffinov.formatting import datetime as paris_datetime
from deffinov.formatting import day, months

PARIS = ZoneInfo("Europe/Paris")
# Any date of a call lies in this window: beyond it, a typing mistake (« 9999 »), never a real programme.
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
WINDOW = "entre le 1er janvier 2000 et le 31 décembre 2100"
MAX_MONTHS = 600  # Beyond, a typing mistake; and a date that many months away leaves the calendar.


def _out_of_window(value):
    if value is None:
        return False
    if isinstance(value, dt.datetime):
        value = value.date()
    return not EARLIEST <= value <= LATEST


def call_errors(call):
    """{field: message} for what does not hold in the call itself."""
    errors = {}
    if _out_of_window(call.programme_ends_on):
        errors["programme_ends_on"] = f"La fin du programme doit tomber {WINDOW}."
    for name, label in (
        ("seniority_months", "L'ancienneté minimale"),
        ("duration_min_months", "La durée minimale"),
        ("duration_max_months", "La durée maximale"),
    ):
        if (getattr(call, name) or 0) > MAX_MONTHS:
            errors[name] = f"{label} ne peut pas dépasser {MAX_MONTHS} mois (50 ans)."
    if call.grant_min is not None and call.grant_max is not None and call.grant_max < call.grant_min:
        errors["grant_max"] = "La subvention maximale doit être supérieure ou égale à la subvention minimale."
    if (
        call.duration_min_months is not None
        and call.duration_max_months is not None
        and call.duration_max_months < call.duration_min_months
    ):
        errors["duration_max_months"] = "La durée maximale doit être supérieure ou égale à la durée minimale."
    if (
        call.cofinancing_floor is not None
        and call.cofinancing_floor_exception is not None
        and call.cofinancing_floor_exception > call.cofinancing_floor
    ):
        errors["cofinancing_floor_exception"] = (
            "Le taux de cofinancement par dérogation ne peut pas dépasser le taux minimal de l'appel."
        )
    return errors


def earliest_end_after_closing(closes_on, duration_months):
    """The last day of a project of `duration_months` starting the day after `closes_on`."""
    return add_months(closes_on + dt.timedelta(days=1), duration_months) - dt.timedelta(days=1)


def wave_errors(wave, call):
    """{field: message} for what does not hold between a wave's dates and its call's."""
    errors = {}
    for name, label in (("opens_at", "L'ouverture"), ("closes_at", "La clôture")):
        if _out_of_window(getattr(wave, name)):
            errors[name] = f"{label} doit tomber {WINDOW}."
    if _out_of_window(wave.committee_on):
        errors["committee_on"] = f"La date du comité doit tomber {WINDOW}."
    if _out_of_window(wave.projects_end_on):
        errors["projects_end_on"] = f"La fin des projets doit tomber {WINDOW}."
    if errors:
        return errors
    opens_at, closes_at = wave.opens_at, wave.closes_at
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = (
            f"La clôture ({paris_datetime(closes_at)}) doit suivre l'ouverture ({paris_datetime(opens_at)})."
        )
        return errors
    if closes_at is None:
        return errors
    closes_on = closes_at.astimezone(PARIS).date()
    if wave.committee_on and wave.committee_on < closes_on:
        errors["committee_on"] = (
            f"Le comité de sélection ({day(wave.committee_on)}) ne peut pas se réunir avant la clôture "
            f"de la vague ({day(closes_on)})."
        )
    if call is None or call.duration_min_months is None:
        return errors
    ends_by = wave.projects_end_on or call.programme_ends_on
    if ends_by is None:
        return errors
    earliest_end = earliest_end_after_closing(closes_on, call.duration_min_months)
    if earliest_end > ends_by:
        limit = (
            f"la fin des projets de la vague ({day(ends_by)})"
            if wave.projects_end_on
            else f"la fin du programme ({day(ends_by)})"
        )
        errors["projects_end_on" if wave.projects_end_on else "closes_at"] = (
            f"La vague clôture trop tard : un projet de {months(call.duration_min_months)} (la durée minimale) "
            f"commençant le lendemain de la clôture, le {day(closes_on + dt.timedelta(days=1))}, "
            f"s'achèverait le {day(earliest_end)}, après {limit}. Avancez la clôture, "
            "ou fixez pour cette vague une fin des projets plus lointaine."
        )
    return errors
