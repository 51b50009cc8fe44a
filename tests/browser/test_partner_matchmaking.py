"""« Trouver un partenaire » in Chromium: a tiers-lieu posts its ad, finds a training organisation among the
suggestions with the reason written out, and writes to it; axe on each page, no sideways scroll at 390 px."""

import pytest
from playwright.sync_api import expect

from deffinov.organisations.kinds import Kind
from tests.accounts.factories import UserFactory
from tests.matchmaking.factories import AdFactory
from tests.organisations.factories import OrganisationFactory
from tests.territories.factories import caen, vire_normandie


@pytest.fixture
def people(transactional_db):
    vire_normandie()
    caen()
    claire = UserFactory(email="admin@tiers-lieu-vire.fr", first_name="Claire", last_name="Durand")
    OrganisationFactory(name="La Fabrique du Bocage", admins=[claire])
    trainer = OrganisationFactory(training=True, name="Caen Formation", admins=[UserFactory()])
    AdFactory(
        organisation=trainer,
        title="Formations au numérique : cherche tiers-lieux",
        sought_kinds=[Kind.TIERS_LIEU.value],
        offers=["formateurs"],
        domains=["32"],
        radius_km=80,
    )
    return {"claire": claire}


def test_post_an_ad_and_write_to_a_suggestion(page, people, log_in_through_the_form, check_accessibility):
    log_in_through_the_form(page, people["claire"])
    page.goto("/mon-espace/")
    page.get_by_role("link", name="Trouver un partenaire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trouver un partenaire")
    page.get_by_role("link", name="Publier une annonce").click()

    page.get_by_label("Titre de l'annonce").fill("Tiers-lieu du bocage cherche un organisme de formation")
    page.get_by_label("Organisme de formation", exact=True).check()
    page.get_by_label("Des formateurs et des contenus de formation").first.check()
    page.get_by_label("32 – Communication et information").check()
    page.get_by_label("Rayon de recherche (km)").fill("0")
    page.get_by_role("button", name="Publier l'annonce").click()
    expect(page.get_by_role("alert").first).to_contain_text("Rayon de recherche")
    expect(page.get_by_label("Titre de l'annonce")).to_have_value(
        "Tiers-lieu du bocage cherche un organisme de formation"
    )
    check_accessibility(page, "matchmaking-ad-form-error")
    page.get_by_label("Rayon de recherche (km)").fill("60")
    page.get_by_role("button", name="Publier l'annonce").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiers-lieu du bocage cherche un organisme de formation")
    check_accessibility(page, "matchmaking-ad")

    page.get_by_role("link", name="Trouver un partenaire").first.click()
    card = page.locator(".match-suggestions .card").first
    expect(card).to_contain_text("Caen Formation")
    expect(card).to_contain_text(
        "Organisme de formation à 54\u00a0km, cherche un partenaire comme vous (tiers-lieu), propose des formateurs, "
        "domaine communication et information en commun"
    )
    check_accessibility(page, "matchmaking-suggestions")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page, "matchmaking-suggestions-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    card.get_by_role("link", name="Écrire à Caen Formation").click()
    page.get_by_label("Votre message").fill("Bonjour, notre salle de visioconférence vous attend : parlons-en ?")
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conversation avec Caen Formation")
    expect(page.locator(".match-thread")).to_contain_text("notre salle de visioconférence vous attend")
    expect(page.get_by_text("restent cachées de part et d'autre")).to_be_visible()
    assert "@" not in page.locator(".match-thread").inner_text()
    check_accessibility(page, "matchmaking-thread")
