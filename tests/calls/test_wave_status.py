import datetime as dt

import pytest

from deffinov.calls.models import PARIS, Wave
from tests.calls.factories import WaveFactory

pytestmark = pytest.mark.django_db


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


def test_a_wave_is_open_until_the_last_second_of_its_closing_day_in_paris():
    wave = WaveFactory(opens_on=dt.date(2024, 1, 8), closes_on=dt.date(2024, 3, 11))

    assert wave.status(paris(2024, 1, 7, 23, 59, 59)) == Wave.Status.UPCOMING
    assert wave.status(paris(2024, 1, 8, 0, 0, 0)) == Wave.Status.OPEN
    assert wave.status(paris(2024, 3, 11, 23, 59, 59)) == Wave.Status.OPEN
    assert wave.status(paris(2024, 3, 11, 23, 59, 59, 900_000)) == Wave.Status.OPEN
    assert wave.status(paris(2024, 3, 12, 0, 0, 0)) == Wave.Status.CLOSED
    assert not wave.is_open(paris(2024, 3, 12, 0, 0, 1))


def test_the_closing_day_is_read_in_paris_not_in_utc():
    wave = WaveFactory(closes_on=dt.date(2024, 3, 11))

    # 23:30 UTC on the 11th is already 00:30 on the 12th in Paris (winter time, UTC+1).
    assert wave.status(dt.datetime(2024, 3, 11, 22, 59, 59, tzinfo=dt.UTC)) == Wave.Status.OPEN
    assert wave.status(dt.datetime(2024, 3, 11, 23, 30, tzinfo=dt.UTC)) == Wave.Status.CLOSED


def test_a_wave_closing_on_the_day_clocks_move_forward_uses_summer_time():
    # On 30 March 2025 Paris moves from UTC+1 to UTC+2 at 02:00.
    wave = WaveFactory(opens_on=dt.date(2025, 3, 30), closes_on=dt.date(2025, 3, 30))
    wave.refresh_from_db()

    assert wave.opens_at.astimezone(PARIS).utcoffset() == dt.timedelta(hours=1)
    assert wave.closes_at.astimezone(PARIS).utcoffset() == dt.timedelta(hours=2)
    assert wave.closes_at == dt.datetime(2025, 3, 30, 21, 59, 59, tzinfo=dt.UTC)
    assert wave.status(dt.datetime(2025, 3, 30, 21, 59, 59, tzinfo=dt.UTC)) == Wave.Status.OPEN
    assert wave.status(dt.datetime(2025, 3, 30, 22, 0, 0, tzinfo=dt.UTC)) == Wave.Status.CLOSED


def test_days_left_counts_calendar_days_in_paris():
    wave = WaveFactory(opens_on=dt.date(2024, 1, 8), closes_on=dt.date(2024, 3, 11))

    assert wave.days_left(paris(2024, 3, 1, 9, 0)) == 10
    assert wave.days_left(paris(2024, 3, 11, 23, 0)) == 0
    assert wave.days_left(paris(2024, 3, 12, 0, 0)) is None
    assert wave.days_left(paris(2024, 1, 1, 12, 0)) is None


def test_the_current_wave_is_the_open_real_one_before_a_demonstration_one():
    real = WaveFactory(opens_on=dt.date(2024, 1, 8), closes_on=dt.date(2024, 3, 11))
    WaveFactory(call=real.call, opens_on=dt.date(2024, 1, 1), closes_on=dt.date(2024, 4, 1), is_demo=True)
    upcoming = WaveFactory(call=real.call, opens_on=dt.date(2025, 1, 6), closes_on=dt.date(2025, 3, 10))

    assert real.call.current_wave(paris(2024, 2, 1, 12, 0)) == real
    assert real.call.current_wave(paris(2024, 6, 1, 12, 0)) == upcoming
    assert real.call.current_wave(paris(2025, 6, 1, 12, 0)) == upcoming  # the latest once all are closed


def test_open_at_selects_the_waves_open_at_that_instant():
    wave = WaveFactory(opens_on=dt.date(2024, 1, 8), closes_on=dt.date(2024, 3, 11))

    assert list(Wave.objects.open_at(paris(2024, 3, 11, 23, 59, 59))) == [wave]
    assert list(Wave.objects.open_at(paris(2024, 3, 12, 0, 0, 0))) == []
