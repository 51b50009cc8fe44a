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
