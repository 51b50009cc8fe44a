"""The blank simulator is the same page for everybody: rendered once per version of the call, it costs one query
afterwards, and any change of the call shows at once."""

import datetime as dt

import pytest
import time_machine

URL = "/eligibilite/simulateur/"
# During wave 2.
NOW = dt.datetime(2024, 2, 15, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _during_wave_2():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_blank_simulator_is_rendered_once(client, normandy_call, django_assert_num_queries):
    first = client.get(URL).content.decode()

    with django_assert_num_queries(1):
        again = client.get(URL).content.decode()

    assert again.count('name="membre-6-name"') == 1
    strip = lambda page: page.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731 - the token differs
    assert strip(again) == strip(first)
    assert "Pas encore éligible" in again


def test_a_renamed_criterion_shows_at_once(client, normandy_call):
    client.get(URL)
    criterion = normandy_call.tiers_lieu_criteria.first()
    criterion.label = "Ouverture au public au moins deux jours par semaine"
    criterion.save()

    assert "Ouverture au public au moins deux jours par semaine" in client.get(URL).content.decode()


def test_the_waves_status_follows_the_calendar(client, normandy_call):
    assert "Vague 2 (Ouverte)" in client.get(URL).content.decode()

    with time_machine.travel(dt.datetime(2024, 12, 1, tzinfo=dt.UTC), tick=False):
        page = client.get(URL).content.decode()

    assert "Vague 2 (Ouverte)" not in page
    assert "Vague 2 (Clôturée)" in page
