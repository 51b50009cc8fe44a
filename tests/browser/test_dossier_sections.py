"""The dossier saves itself: with scripts, no « Enregistrer » button; without them, the buttons are the way."""

import pytest
from playwright.sync_api import expect

from tests.applications.factories import eligible_application
from tests.browser.test_application_journey import log_in


@pytest.fixture
def dossier(transactional_db):
    return eligible_application()


def test_with_scripts_the_dossier_autosaves_and_shows_no_save_button(page, live_server, dossier):
    log_in(page, dossier["lead_admin"], live_server.url)
    page.goto(dossier["application"].get_absolute_url())

    expect(page.get_by_role("button", name="Enregistrer la partie « Identité du projet »")).to_be_hidden()
    expect(page.get_by_text("Vos saisies s'enregistrent d'elles-mêmes")).to_be_visible()
    expect(page.locator("#outline-progress")).to_have_text("9 parties complètes sur 9")

    page.get_by_label("Résumé du projet").fill("Un tiers-lieu de formation au cœur du Bocage.")
    page.get_by_label("Résumé du projet").dispatch_event("change")
    expect(page.locator("#status-identite")).to_contain_text("Enregistré à")


def test_without_scripts_each_section_has_its_save_button(browser, live_server, dossier):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, dossier["lead_admin"], live_server.url)
        page.goto(dossier["application"].get_absolute_url())

        button = page.get_by_role("button", name="Enregistrer la partie « Identité du projet »")
        expect(button).to_be_visible()
        page.get_by_label("Résumé du projet").fill("Sans JavaScript, enregistré par le bouton.")
        button.click()
        expect(page.get_by_label("Résumé du projet")).to_have_value("Sans JavaScript, enregistré par le bouton.")
    finally:
        context.close()


def test_a_place_of_activity_is_added_through_the_commune_combobox(page, live_server, dossier):
    application = dossier["application"]
    log_in(page, dossier["lead_admin"], live_server.url)
    page.goto(application.get_absolute_url())

    adder = page.get_by_role("combobox", name="Ajouter une commune (nom ou code postal)")
    adder.press_sequentially("caen")
    expect(page.get_by_role("listbox", name="Communes proposées").get_by_role("option")).to_have_count(1)
    adder.press("ArrowDown")
    adder.press("Enter")

    expect(page.get_by_label("Lieux d'activité")).to_have_value(
        "Vire Normandie (14500) – 14762\nCaen (14000) – 14118\n"
    )
    expect(adder).to_have_value("")
    expect(page.locator("#status-territoire")).to_contain_text("Enregistré à")
    assert sorted(application.communes.values_list("code", flat=True)) == ["14118", "14762"]
