"""The « Données ouvertes » page and an agent's API tokens in Chromium, at 1280 and 390 px: the files are one click
away, a token is created, copied once and revoked; nothing scrolls sideways, axe finds nothing serious."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from deffinov.api.models import AccessToken
from tests.accounts.factories import UserFactory
from tests.calls.factories import WaveFactory

WIDTHS = [1280, 390]


def fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_anyone_finds_the_open_data_from_the_footer(page, check_accessibility, transactional_db):
    WaveFactory()
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Données ouvertes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Données ouvertes")

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for dataset in ("Subventions attribuées", "Appels à projets (dispositifs d'aide)"):
            expect(page.get_by_role("heading", level=2, name=dataset)).to_be_visible()
            expect(page.get_by_role("link", name=f"Télécharger « {dataset} » (CSV)")).to_be_visible()
        assert fits(page, width)
        check_accessibility(page, f"open-data-{width}")

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger « Appels à projets (dispositifs d'aide) » (CSV)").click()
    assert download.value.suggested_filename == "dispositif-aide.csv"


@pytest.mark.parametrize("width", WIDTHS)
def test_an_agent_creates_copies_and_revokes_a_token(
    page, check_accessibility, log_in_through_the_form, transactional_db, width
):
    agent = UserFactory(finance_officer=True, email="paul@normandie.fr")
    log_in_through_the_form(page, agent)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(reverse("accounts:dashboard"))
    page.get_by_role("link", name="Jetons d'accès à l'API").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jetons d'accès à l'API")
    check_accessibility(page, f"tokens-empty-{width}")

    page.get_by_label("Nom du jeton").fill("Progiciel financier")
    page.get_by_label("Versements (enregistrer un paiement)").check()
    page.get_by_role("button", name="Créer le jeton").click()

    secret = page.get_by_label("Votre jeton").input_value()
    assert secret.startswith("dfv_") and secret.startswith(AccessToken.objects.get().prefix)
    expect(page.get_by_role("row", name="Progiciel financier")).to_contain_text("Actif")
    assert fits(page, width)
    check_accessibility(page, f"tokens-created-{width}")

    page.get_by_role("button", name="Révoquer le jeton « Progiciel financier »").click()
    expect(page.get_by_role("status").first).to_contain_text("est révoqué")
    expect(page.get_by_role("row", name="Progiciel financier")).to_contain_text("Révoqué le")
    expect(page.get_by_label("Votre jeton")).to_have_count(0)
    assert fits(page, width)
