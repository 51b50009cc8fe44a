import datetime as dt

import pytest
from django.urls import reverse

from deffinov.calls.models import PARIS
from tests.accounts.factories import UserFactory
from tests.demo.fixtures import page_text


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_region_staff_edit_the_call_with_its_criteria_waves_events_and_documents(admin_client, demo):
    response = admin_client.get(reverse("admin:calls_call_change", args=[demo.call.pk]))

    assert response.status_code == 200
    text = page_text(response)
    for heading in ["Composition du collectif", "Financement", "Durée et territoire"]:
        assert heading in text
    for inline in ["critères tiers-lieu", "vagues", "événements", "documents et ressources"]:
        assert inline in text.lower()
    assert "Les taux s'écrivent en pourcentage" in text


def test_the_list_of_waves_shows_their_status_in_paris_time(admin_client, time_machine, demo):
    time_machine.move_to(dt.datetime(2024, 2, 15, 10, 0, tzinfo=PARIS), tick=False)

    text = page_text(admin_client.get(reverse("admin:calls_wave_changelist")))

    assert "Vague 2 – 2024" in text
    assert "11 mars 2024 à 23 h 59" in text
    assert "Ouverte" in text
    assert "Clôturée" in text
    assert "1 450 000 €" in text
