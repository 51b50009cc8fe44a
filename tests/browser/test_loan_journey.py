"""Borrowing a headset in Chromium: a structure asks for dates from the catalogue, the owner accepts; axe on each
page, nothing sideways at 390 px."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deffinov.loans.models import Loan, LoanState
from tests.accounts.factories import UserFactory
from tests.loans.factories import ItemFactory
from tests.organisations.factories import OrganisationFactory


@pytest.fixture
def people(transactional_db):
    owner_admin = UserFactory(email="claire@fabrique.fr", first_name="Claire", last_name="Durand")
    borrower_admin = UserFactory(email="marc@ateliers.fr", first_name="Marc", last_name="Lemoine")
    owner = OrganisationFactory(name="La Fabrique du Bocage", admins=[owner_admin])
    OrganisationFactory(name="Les Ateliers de Falaise", admins=[borrower_admin])
    ItemFactory(organisation=owner, name="Casque Meta Quest 3 n° 1")
    return owner, owner_admin, borrower_admin


def test_a_structure_asks_to_borrow_and_the_owner_accepts(
    browser, live_server, people, log_in_through_the_form, check_accessibility
):
    owner, owner_admin, borrower_admin = people
    start = timezone.localdate() + dt.timedelta(days=7)
    end = start + dt.timedelta(days=3)

    context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    page = log_in_through_the_form(context.new_page(), borrower_admin)
    page.goto("/prets/")
    check_accessibility(page, "loans-catalogue")
    page.get_by_role("link", name="Casque Meta Quest 3 n° 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casque Meta Quest 3 n° 1")
    expect(page.get_by_text("150\u00a0€")).to_be_visible()
    page.get_by_role("link", name="Demander à emprunter Casque Meta Quest 3 n° 1").click()
    # Reversed dates: a French message, and what was typed stays.
    page.get_by_label("Du").fill(end.isoformat())
    page.get_by_label("Au").fill(start.isoformat())
    page.get_by_label("Message à la structure").fill("Pour l'atelier réalité virtuelle du mercredi")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_role("alert")).to_contain_text("Le formulaire contient une erreur")
    expect(page.get_by_text("inversez-les")).to_be_visible()
    expect(page.get_by_label("Message à la structure")).to_have_value("Pour l'atelier réalité virtuelle du mercredi")
    check_accessibility(page, "loans-request-error")
    page.get_by_label("Du").fill(start.isoformat())
    page.get_by_label("Au").fill(end.isoformat())
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_text("Votre demande est envoyée")).to_be_visible()
    expect(page.get_by_text("Demandé", exact=True)).to_be_visible()
    context.close()

    context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    page = log_in_through_the_form(context.new_page(), owner_admin)
    page.goto(owner.get_absolute_url())
    page.get_by_role("link", name="Prêts de matériel de la structure").click()
    expect(page.get_by_role("table", name="Demandes reçues en attente de réponse")).to_contain_text(
        "Les Ateliers de Falaise"
    )
    check_accessibility(page, "loans-structure")
    page.get_by_role("link", name="Casque Meta Quest 3 n° 1 – demande").first.click()
    page.get_by_role("button", name="Accepter la demande").click()
    expect(page.get_by_text("La demande est acceptée : l'objet est réservé.")).to_be_visible()
    assert Loan.objects.get().state == LoanState.RESERVED
    check_accessibility(page, "loans-accepted")

    # The item's page now shows the period taken; on a phone nothing scrolls sideways.
    page.goto(Loan.objects.get().item.get_absolute_url())
    expect(page.locator("#disponibilites + p + ul")).to_contain_text("au")
    page.set_viewport_size({"width": 390, "height": 844})
    for url in (page.url, f"/prets/structures/{owner.pk}/", "/prets/"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    page.goto(Loan.objects.get().item.get_absolute_url())
    check_accessibility(page, "loans-item-phone")
    context.close()
