"""Public pages are the same for every visitor without a session: served from the cache, for one query, until the
call changes, which shows at once; signed-in people always get their own page."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from deffinov.calls.models import PARIS, Call
from deffinov.demo.call import CALL_SLUG
from tests.accounts.factories import UserFactory

PAGES = ["/", f"/appels/{CALL_SLUG}/", "/appels/", "/api/v1/calls", "/eligibilite/simulateur/"]


@pytest.fixture
def during_wave_2(time_machine):
    time_machine.move_to(dt.datetime(2024, 3, 1, 9, 0, tzinfo=PARIS), tick=False)


@pytest.mark.parametrize("path", PAGES)
def test_a_public_page_seen_again_costs_one_query(client, during_wave_2, demo, django_assert_num_queries, path):
    first = client.get(path)

    with django_assert_num_queries(1):
        again = client.get(path)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in again


@pytest.mark.parametrize("path", PAGES[1:])
def test_a_change_of_the_call_shows_at_once(client, during_wave_2, demo, path):
    client.get(path)
    call = Call.objects.get(slug=CALL_SLUG)
    call.short_title = "Deffinov 2027"
    call.save()

    assert "Deffinov 2027" in client.get(path).content.decode()


def test_the_wave_closing_shows_on_time(client, demo, time_machine):
    time_machine.move_to(dt.datetime(2024, 3, 1, 9, 0, tzinfo=PARIS), tick=False)
    assert "Vague ouverte" in client.get("/").content.decode()
    wave = Call.objects.get(slug=CALL_SLUG).waves.get(number=2)

    time_machine.move_to(wave.closes_at + dt.timedelta(seconds=1), tick=False)

    assert "Vague ouverte" not in client.get("/").content.decode()


def test_a_signed_in_person_gets_their_own_page(client, during_wave_2, demo):
    client.get("/")
    client.force_login(UserFactory())

    page = client.get("/").content.decode()

    assert "Se déconnecter" in page
    assert reverse("accounts:dashboard") in page


def test_the_simulator_posts_without_a_token_and_answers(during_wave_2, demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/eligibilite/simulateur/", {"wave": "vague-2"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert 'id="resultat-resume"' in response.content.decode()
