"""The public search of places in Chromium: the list, nearest first, and beside it the map of the same places."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.network.factories import PlaceFactory
from tests.territories.factories import alencon, caen, saint_lo, vire_normandie

TILE = (Path(__file__).resolve().parents[2] / "static" / "vendor" / "leaflet" / "images" / "layers.png").read_bytes()


@pytest.fixture
def places(transactional_db):
    for commune in (vire_normandie(), caen(), saint_lo(), alencon()):
        PlaceFactory(name=f"Lieu de {commune.name}", commune=commune, postcode=commune.postcode_list[0])


@pytest.fixture
def offline_tiles(page):
    """The tile server is not reached from the tests: every tile is a small local image."""
    page.route("https://*.tile.openstreetmap.fr/**", lambda route: route.fulfill(body=TILE, content_type="image/png"))
    return page


def test_search_around_a_commune_shows_the_list_and_the_map_in_sync(offline_tiles, check_accessibility, places):
    page = offline_tiles
    page.goto("/lieux/")
    page.get_by_label("Autour de la commune").fill("14762")
    page.get_by_label("Rayon (km)").fill("60")
    page.get_by_role("button", name="Chercher").click()

    expect(page.get_by_role("heading", level=2, name="3 lieux à moins de 60 km de Vire Normandie")).to_be_visible()
    cards = page.locator(".place-card h3")
    expect(cards).to_have_text(["Lieu de Vire Normandie", "Lieu de Saint-Lô", "Lieu de Caen"])
    expect(page.locator(".place-card").nth(2)).to_contain_text("à 54\u00a0km")

    # The map shows the same places; the list's button opens a place's marker.
    expect(page.locator(".leaflet-container")).to_be_visible()
    page.get_by_role("button", name="Voir Lieu de Caen sur la carte").click()
    popup = page.locator(".leaflet-popup")
    expect(popup.get_by_role("link", name="Lieu de Caen")).to_be_visible()
    expect(page.locator(".place-card--active")).to_contain_text("Lieu de Caen")
    check_accessibility(page, "places-search")

    # On a phone, the page does not scroll sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator(".leaflet-container")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page, "places-search-phone")


def test_without_javascript_the_list_alone_works(browser, live_server, places):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto("/lieux/?commune=14762&rayon=40")
    expect(page.locator(".place-card h3")).to_have_text(["Lieu de Vire Normandie", "Lieu de Saint-Lô"])
    expect(page.locator("[data-places-map]")).to_be_hidden()
    context.close()


def test_a_places_page_shows_its_hours_and_its_map(offline_tiles, check_accessibility, places):
    page = offline_tiles
    page.goto("/lieux/?commune=14762&rayon=10")
    page.get_by_role("link", name="Lieu de Vire Normandie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lieu de Vire Normandie")
    expect(page.get_by_role("table", name="Horaires de la semaine")).to_contain_text("Samedi")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    check_accessibility(page, "place-page")
