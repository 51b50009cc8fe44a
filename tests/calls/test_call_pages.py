import datetime as dt

import pytest
from django.urls import reverse

from deffinov.calls.models import PARIS, Event, Resource
from deffinov.demo.call import CALL_SLUG
from tests.calls.factories import WaveFactory
from tests.demo.fixtures import page_text

DURING_WAVE_2 = dt.datetime(2024, 2, 15, 10, 0, tzinfo=PARIS)
CALL_URL = f"/appels/{CALL_SLUG}/"


@pytest.fixture
def during_wave_2(time_machine):
    time_machine.move_to(DURING_WAVE_2, tick=False)


def test_the_call_page_shows_the_rules_in_french(client, during_wave_2, demo):
    response = client.get(CALL_URL)

    assert response.status_code == 200
    text = page_text(response)
    assert "50 000 € à 200 000 € de subvention de fonctionnement" in text
    assert "Au moins 30 % du budget éligible (20 % par dérogation du comité de sélection)" in text
    assert "De 12 à 36 mois ; le projet s'achève au plus tard le 31 décembre 2026" in text
    assert "Il ne commence pas avant le dépôt du dossier." in text
    assert "les dépenses de communication ne dépassent pas 10 % des dépenses éligibles" in text
    assert "Calvados (14), Eure (27), Manche (50), Orne (61), Seine-Maritime (76)" in text
    assert "300 000 € sur 3 ans" in text
    assert "au moins 1 acteur des tiers-lieux" in text
    assert "au moins 2 structures juridiquement distinctes (SIREN différents)" in text
    assert "Les 5 critères du tiers-lieu" in text
    for label in ["Un ancrage territorial", "Une communauté d'acteurs engagés", "Une gouvernance partagée"]:
        assert label in text


def test_the_call_page_shows_the_three_waves_with_their_status(client, during_wave_2, demo):
    text = page_text(client.get(CALL_URL))

    assert "Vague 1 – 2023 Clôturée" in text
    assert "9 projets retenus" in text
    assert "Vague 2 – 2024 Ouverte" in text
    assert "du 8 janvier 2024 au 11 mars 2024 à 23 h 59" in text
    assert "clôture le 11 mars 2024 à 23 h 59 (heure de Paris) – plus que 25 jours." in text
    assert "Vague de démonstration Ouverte Démonstration" in text
    assert "1 450 000 € (montant indicatif" in text
    # The demonstration wave closes on 15 April 2024: its projects may end later than the programme.
    assert "Fin des projets au plus tard le 31 décembre 2027, pour les projets de cette vague" in text


def test_on_closing_day_the_page_says_it_is_the_last_day(client, time_machine, demo):
    time_machine.move_to(dt.datetime(2024, 3, 11, 23, 58, tzinfo=PARIS), tick=False)

    text = page_text(client.get(CALL_URL))

    assert "clôture le 11 mars 2024 à 23 h 59 (heure de Paris) – c'est le dernier jour." in text


def test_the_call_page_links_the_replays_and_documents(client, during_wave_2, demo):
    response = client.get(CALL_URL)
    content = response.content.decode()
    text = page_text(response)

    assert 'href="https://youtu.be/mfm1cEgLDUA" target="_blank" rel="noopener noreferrer"' in content
    assert "Voir le replay du webinaire de présentation (YouTube, nouvelle fenêtre)" in text
    assert "Voir le replay du webinaire « formation d'un consortium » (YouTube, nouvelle fenêtre)" in text
    assert "Restitution de la journée de lancement" in text
    assert "sharepoint" not in content
    assert "Cahier des charges de l'appel à projets (PDF)" in text
    assert "https://normandie-connectee.fr/sites/default/files/2023-08/159362_AAP" in content
    assert "Pour aller plus loin" in text
    assert 'href="https://www.stratice.fr/episode-9-des-epn-aux-tiers-lieux/"' in content
    assert 'href="/eligibilite/simulateur/"' in content


def test_the_call_page_costs_the_same_queries_however_many_waves_and_events(
    client, during_wave_2, demo, django_assert_num_queries
):
    # First visit: two more queries (the published calls' versions and waves) key the page cache.
    with django_assert_num_queries(8):
        client.get(CALL_URL)
    # Then the page comes from the cache: only the published calls are read, for their version.
    with django_assert_num_queries(1):
        client.get(CALL_URL)

    WaveFactory(call=demo.call, number=4, opens_on=dt.date(2025, 1, 6), closes_on=dt.date(2025, 3, 10))
    Event.objects.create(call=demo.call, title="Webinaire bilan", kind="webinar", happens_on=dt.date(2024, 6, 1))
    Resource.objects.create(call=demo.call, kind="further", title="Un lien", url="https://example.org/")

    with django_assert_num_queries(8):
        response = client.get(CALL_URL)
    text = page_text(response)
    assert "Webinaire bilan" in text
    assert "Un lien" in text


def test_a_change_by_the_region_shows_at_once(client, during_wave_2, demo):
    client.get(CALL_URL)

    event = demo.call.events.get(happens_on=dt.date(2023, 3, 3))
    event.title = "Webinaire de présentation (nouvelle version)"
    event.save()
    demo.call.tiers_lieu_criteria.get(code="hybridation").delete()
    demo.call.eligible_departments.remove("76")

    text = page_text(client.get(CALL_URL))
    assert "Webinaire de présentation (nouvelle version)" in text
    assert "Les 4 critères du tiers-lieu" in text
    assert "Seine-Maritime" not in text


def test_the_page_follows_the_clock_across_the_deadline(client, time_machine, demo):
    time_machine.move_to(dt.datetime(2024, 3, 10, 12, 0, tzinfo=PARIS), tick=False)
    assert "plus qu'un jour." in page_text(client.get(CALL_URL))

    time_machine.move_to(dt.datetime(2024, 3, 11, 23, 59, 59, tzinfo=PARIS), tick=False)
    assert "c'est le dernier jour." in page_text(client.get(CALL_URL))

    time_machine.move_to(dt.datetime(2024, 3, 12, 0, 0, 0, tzinfo=PARIS), tick=False)
    text = page_text(client.get(CALL_URL))
    assert "Vague 2 – 2024 Clôturée" in text
    assert "Dépôt clos le 11 mars 2024." in text


def test_an_unpublished_call_is_not_found(client, demo):
    demo.call.is_published = False
    demo.call.save()

    assert client.get(CALL_URL).status_code == 404
    assert demo.call.short_title not in page_text(client.get(reverse("calls:list")))


def test_the_list_of_calls_shows_each_wave_in_constant_queries(client, during_wave_2, demo, django_assert_num_queries):
    # First visit: two more queries (the published calls' versions and waves) key the page cache.
    with django_assert_num_queries(4):
        response = client.get(reverse("calls:list"))

    text = page_text(response)
    assert "Normandie Connectée – Nouveaux espaces de compétences – Deffinov" in text
    assert "Vague 2 – 2024 Ouverte" in text
    assert "clôture le 11 mars 2024 à 23 h 59" in text
    assert f'href="{CALL_URL}"' in response.content.decode()
