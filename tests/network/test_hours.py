"""Opening hours in OpenStreetMap syntax, read and written out in French; broken ones get a French message."""

import datetime as dt

import pytest

from deffinov.network import hours
from tests.network.factories import PlaceFactory

PARIS = hours.PARIS
WEEK = "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00; PH off"


def at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def test_a_week_is_written_out_in_french():
    assert hours.describe(hours.parse(WEEK)) == (
        "du lundi au vendredi de 9\u00a0h à 12\u00a0h et de 14\u00a0h à 18\u00a0h\u00a030 ; "
        "le samedi de 8\u00a0h\u00a030 à 12\u00a0h ; fermé les jours fériés"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24/7", "ouvert 24\u00a0h sur 24, 7 jours sur 7"),
        ("Mo,Tu 10:00-12:00", "le lundi et le mardi de 10\u00a0h à 12\u00a0h"),
        ("Mo-Su 10:00-18:00; Su off", "du lundi au samedi de 10\u00a0h à 18\u00a0h"),
        ("Mo - Fr 09:00 - 12:00", "du lundi au vendredi de 9\u00a0h à 12\u00a0h"),
        (
            "We 14:00-17:00; PH 10:00-12:00",
            "le mercredi de 14\u00a0h à 17\u00a0h ; les jours fériés de 10\u00a0h à 12\u00a0h",
        ),
    ],
)
def test_common_forms(text, expected):
    assert hours.describe(hours.parse(text)) == expected


def test_open_now_says_when_it_closes_and_closed_says_when_it_opens():
    schedule = hours.parse(WEEK)
    # Monday 30 November 2026.
    assert hours.status(schedule, at(2026, 11, 30, 10)).phrase == "Ouvert maintenant, ferme à 12\u00a0h"
    assert hours.status(schedule, at(2026, 11, 30, 12, 30)).phrase == "Fermé maintenant, ouvre à 14\u00a0h"
    assert hours.status(schedule, at(2026, 11, 30, 19)).phrase == "Fermé maintenant, ouvre demain à 9\u00a0h"
    assert hours.status(schedule, at(2026, 11, 28, 13)).phrase == "Fermé maintenant, ouvre lundi à 9\u00a0h"
    assert hours.status(schedule, at(2026, 11, 30, 18, 29)).is_open
    assert not hours.status(schedule, at(2026, 11, 30, 18, 30)).is_open


def test_public_holidays_are_closed_when_the_hours_say_so():
    schedule = hours.parse(WEEK)
    assert not schedule.is_open_at(at(2026, 5, 14, 10))  # Ascension Thursday
    assert not schedule.is_open_at(at(2026, 11, 11, 10))  # Armistice, a Wednesday
    assert schedule.is_open_at(at(2026, 11, 12, 10))
    assert hours.easter(2027) == dt.date(2027, 3, 28)


def test_the_time_is_read_in_paris():
    schedule = hours.parse("Mo 09:00-10:00")
    assert schedule.is_open_at(dt.datetime(2026, 11, 30, 8, 30, tzinfo=dt.UTC))  # 9:30 in Paris


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Lu-Ve 09:00-12:00", "« Lu-Ve » n'est pas un jour reconnu"),
        ("Mo-Fr 9h-12h", "« 9h-12h » n'est pas une plage horaire"),
        ("Mo-Fr", "indiquez les heures d'ouverture"),
        ("Mo 14:00-12:00", "la plage « 14:00-12:00 » finit avant de commencer"),
        ("Mo 25:00-26:00", "« 25:00 » n'est pas une heure valide"),
        ("Mo 09:00-12:00;; Tu off", "Règle 2 vide"),
        ("Mo 09:00-12:00; Jan 10:00-11:00", "Règle 2 (« Jan 10:00-11:00 »)"),
        ("x" * 600, "trop longs"),
    ],
)
def test_broken_hours_get_a_french_message_naming_the_problem(text, named):
    with pytest.raises(hours.HoursError) as error:
        hours.parse(text)
    assert named in error.value.message


def test_unreadable_hours_never_break_a_place(db):
    place = PlaceFactory.build(opening_hours="tous les jours sauf dimanche")
    assert place.schedule is None
    assert place.status() is None
    assert place.hours_text == ""
