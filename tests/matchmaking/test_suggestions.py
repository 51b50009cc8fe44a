"""Suggestions: complementarity both ways, shared domains, distance within both radii, reasons in French."""

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deffinov.matchmaking.suggestions import Profile, suggest
from deffinov.organisations.kinds import Kind
from tests.matchmaking.factories import AdFactory
from tests.organisations.factories import OrganisationFactory

NBSP = "\u00a0"


@pytest.fixture
def my_ad(lead, communes):
    """La Fabrique du Bocage (tiers-lieu, Vire) seeks a training actor within 60 km, domain NSF 32."""
    return AdFactory(organisation=lead, radius_km=60, domains=["32", "25"], seeks=["formateurs"])


def ranked(ad):
    return suggest(Profile.of_ad(ad))


def test_a_training_organisation_nearby_comes_first_with_its_reason(my_ad, communes):
    caen_trainer = AdFactory(
        organisation=OrganisationFactory(training=True, name="Caen Formation"),
        sought_kinds=[Kind.TIERS_LIEU.value],
        offers=["formateurs"],
        domains=["32"],
        radius_km=80,
    )
    saint_lo_place = AdFactory(
        organisation=OrganisationFactory(name="Tiers-lieu saint-lois", commune=communes["saint_lo"]),
        domains=["32"],
    )
    suggestions = ranked(my_ad)
    assert [s.ad for s in suggestions] == [caen_trainer, saint_lo_place]
    assert suggestions[0].reason == (
        f"organisme de formation à 54{NBSP}km, cherche un partenaire comme vous (tiers-lieu), propose des "
        "formateurs, domaine communication et information en commun"
    )
    assert suggestions[1].reason == f"tiers-lieu à 34{NBSP}km, domaine communication et information en commun"


def test_complementarity_works_the_other_way_round(lead, trainer, communes):
    """A training organisation is offered the tiers-lieux first, before a closer training organisation."""
    trainer_ad = AdFactory(organisation=trainer, sought_kinds=[Kind.TIERS_LIEU.value], radius_km=100)
    place = AdFactory(organisation=lead, radius_km=100)
    other_trainer = AdFactory(organisation=OrganisationFactory(training=True, name="Autre OF caennais"))
    assert [s.ad for s in ranked(trainer_ad)] == [place, other_trainer]


def test_an_epn_is_complemented_by_a_cfa(communes):
    epn = AdFactory(organisation=OrganisationFactory(kinds=[Kind.EPN.value], place_opened_on=None))
    cfa = AdFactory(
        organisation=OrganisationFactory(kinds=[Kind.CFA.value], uai="0141234A", name="CFA du Bocage"), domains=[]
    )
    shop = AdFactory(organisation=OrganisationFactory(kinds=[Kind.ENTREPRISE.value], name="Atelier"), domains=[])
    suggestions = ranked(epn)
    assert [s.ad for s in suggestions] == [cfa, shop]
    assert suggestions[0].reason == "CFA à moins de 1\u00a0km"


def test_shared_domains_rank_between_two_equally_complementary_partners(my_ad, communes):
    near_other_domain = AdFactory(
        organisation=OrganisationFactory(training=True, commune=communes["vire"], name="OF virois"), domains=["33"]
    )
    far_same_domains = AdFactory(organisation=OrganisationFactory(training=True), domains=["32", "25"])
    suggestions = ranked(my_ad)
    assert [s.ad for s in suggestions] == [far_same_domains, near_other_domain]
    assert suggestions[0].reason.endswith(
        "domaines communication et information et mécanique, électricité, électronique en commun"
    )


def test_only_within_both_radii(my_ad, communes):
    """Caen is 54 km from Vire: within my 60 km, but not within its own 50 km; Alençon (85 km) is beyond mine."""
    AdFactory(organisation=OrganisationFactory(training=True, name="Caen, 50 km"), radius_km=50)
    within = AdFactory(organisation=OrganisationFactory(training=True, name="Caen, 55 km"), radius_km=55)
    AdFactory(organisation=OrganisationFactory(training=True, commune=communes["alencon"]), radius_km=200)
    assert [s.ad for s in ranked(my_ad)] == [within]


def test_paused_closed_and_own_ads_are_never_suggested(my_ad, lead, communes):
    AdFactory(organisation=OrganisationFactory(training=True), paused=True)
    AdFactory(organisation=OrganisationFactory(training=True), closed=True)
    AdFactory(organisation=lead, title="Ma seconde annonce")
    assert ranked(my_ad) == []


def test_a_structure_without_ad_gets_its_complements_around_its_commune(lead, communes):
    """Within the default 50 km: Saint-Lô (34 km), not Caen (54 km)."""
    trainer_ad = AdFactory(organisation=OrganisationFactory(training=True, commune=communes["saint_lo"]))
    AdFactory(organisation=OrganisationFactory(training=True, name="OF de Caen"))
    suggestions = suggest(Profile.of_organisation(lead))
    assert [s.ad for s in suggestions] == [trainer_ad]


def test_the_page_shows_the_reasons_and_keeps_a_flat_query_count(
    client, lead, lead_admin, my_ad, communes, django_assert_num_queries
):
    def add_trainers(count):
        for n in range(count):
            AdFactory(organisation=OrganisationFactory(training=True, name=f"Formation caennaise {n}"))

    client.force_login(lead_admin)
    add_trainers(2)
    url = reverse("matchmaking:index")
    client.get(url)  # sessions and caches warmed up
    with CaptureQueriesContext(connection) as two:
        response = client.get(url)
    assert unescape(response.content.decode()).count("Organisme de formation à 54\u00a0km") == 2
    add_trainers(4)
    with django_assert_num_queries(len(two)):
        response = client.get(url)
    page = unescape(response.content.decode())
    assert page.count("Organisme de formation à 54\u00a0km") == 6
    assert "domaine communication et information en commun" in page


def test_filters_keep_only_the_kinds_and_domains_asked(client, lead_admin, my_ad, communes):
    AdFactory(organisation=OrganisationFactory(training=True, name="OF numérique"), domains=["32"])
    AdFactory(organisation=OrganisationFactory(training=True, name="OF bâtiment"), domains=["23"])
    client.force_login(lead_admin)
    page = unescape(client.get(reverse("matchmaking:index"), {"domaines": ["23"]}).content.decode())
    assert "OF bâtiment" in page and "OF numérique" not in page
    forged = client.get(reverse("matchmaking:index"), {"domaines": ["99"], "types": ["pirate"], "pour": "x-1"})
    assert forged.status_code == 200
    assert "Sélectionnez un choix valide" in unescape(forged.content.decode())
