"""The dossier editor with a keyboard: a budget line removed by mistake comes back with « Annuler », and each
section folds and unfolds from its title, remembered for this dossier, reopened when a link points into it."""

import pytest
from playwright.sync_api import expect

from deffinov.applications.models import ExpenseLine
from tests.applications.factories import eligible_application
from tests.browser.test_application_journey import log_in


@pytest.fixture
def dossier(transactional_db):
    return eligible_application()


def test_a_removed_line_comes_back_with_annuler(page, live_server, dossier, check_accessibility):
    application = dossier["application"]
    log_in(page, dossier["lead_admin"], live_server.url)
    page.goto(application.get_absolute_url())
    budget = page.locator("#budget")

    budget.get_by_text("Supprimer la dépense « Ordinateurs »").click()
    budget.get_by_role("button", name="Confirmer la suppression de la dépense « Ordinateurs »").click()

    notice = page.locator(".budget-notice")
    expect(notice).to_contain_text("Ligne « Ordinateurs » supprimée.")
    expect(notice).to_be_focused()
    expect(budget.get_by_role("cell", name="Ordinateurs", exact=True)).to_have_count(0)
    expect(page.locator("[data-total=expenses]")).to_have_text("100\xa0000\xa0€")
    check_accessibility(page, "budget-ligne-supprimee")

    page.keyboard.press("Tab")
    expect(notice.get_by_role("button", name="Annuler la suppression")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator(".budget-notice")).to_contain_text("Ligne « Ordinateurs » rétablie.")
    expect(budget.get_by_role("cell", name="Ordinateurs", exact=True)).to_have_count(1)
    expect(page.locator("[data-total=expenses]")).to_have_text("150\xa0000\xa0€")
    assert ExpenseLine.objects.filter(application=application, label="Ordinateurs").count() == 1


def test_sections_fold_with_the_keyboard_and_reopen_for_a_link(page, live_server, dossier, check_accessibility):
    application = dossier["application"]
    log_in(page, dossier["lead_admin"], live_server.url)
    page.goto(application.get_absolute_url())
    toggle = page.get_by_role("button", name="Budget", exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "true")

    toggle.focus()
    page.keyboard.press("Enter")

    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("button", name="Ajouter la dépense")).to_be_hidden()
    check_accessibility(page, "dossier-budget-replie")

    page.reload()  # remembered for this dossier
    toggle = page.get_by_role("button", name="Budget", exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("button", name="Ajouter la dépense")).to_be_hidden()

    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("button", name="Ajouter la dépense")).to_be_visible()

    page.keyboard.press("Enter")  # folded again; a link to #budget (the recap's) opens it
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.goto(application.get_absolute_url() + "#budget")
    expect(page.get_by_role("button", name="Budget", exact=True)).to_have_attribute("aria-expanded", "true")


def test_without_scripts_every_section_is_open(browser, live_server, dossier):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, dossier["lead_admin"], live_server.url)
        page.goto(dossier["application"].get_absolute_url())

        expect(page.get_by_role("button", name="Budget", exact=True)).to_have_count(0)
        expect(page.get_by_role("button", name="Ajouter la dépense")).to_be_visible()
        page.get_by_text("Supprimer la dépense « Ordinateurs »").click()
        page.get_by_role("button", name="Confirmer la suppression de la dépense « Ordinateurs »").click()
        expect(page.locator(".budget-notice")).to_contain_text("Ligne « Ordinateurs » supprimée.")
        page.get_by_role("button", name="Annuler la suppression").click()
        expect(page.locator(".budget-notice")).to_contain_text("Ligne « Ordinateurs » rétablie.")
    finally:
        context.close()


def test_a_folded_section_holding_an_error_opens_by_itself(page, live_server, dossier):
    application = dossier["application"]
    log_in(page, dossier["lead_admin"], live_server.url)
    page.goto(application.get_absolute_url())
    page.get_by_role("button", name="Budget", exact=True).click()
    expect(page.get_by_role("button", name="Budget", exact=True)).to_have_attribute("aria-expanded", "false")

    # The add-expense form sent with what the browser would have refused (the server refuses it too).
    page.locator("form[action$='/budget/depenses/']").evaluate("form => { form.noValidate = true; form.submit(); }")

    page.wait_for_load_state()
    expect(page.get_by_role("button", name="Budget", exact=True)).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#budget .errorlist").first).to_be_visible()
