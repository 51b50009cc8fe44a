"""Journey: a signed-in person registers a tiers-lieu by its SIRET and lands on its page."""

import re

from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from deffinov.accounts.models import User
from deffinov.organisations.models import Membership, Organisation
from tests.organisations.factories import vire_normandie


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_tiers_lieu_registers_by_siret(page, live_server, check_accessibility, transactional_db):
    vire_normandie()
    user = User.objects.create_user(email="claire@fabrique-bocage.fr", password="tiers-lieu-Vire-2024")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    log_in(page, live_server, user)

    page.goto("/structures/inscrire/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscrire une structure")
    check_accessibility(page, "register-structure")

    page.get_by_label("SIRET").fill("732 829 320 00074")
    page.get_by_label("Raison sociale").fill("La Fabrique du Bocage")
    page.get_by_label("Forme juridique").select_option(label="Association loi 1901")
    page.get_by_label("Date de création de la structure").fill("2019-03-01")
    page.get_by_label("Adresse (obligatoire)", exact=True).fill("12 rue du Calvados")
    page.get_by_label("Code postal").fill("14500")
    commune = page.get_by_role("combobox", name=re.compile("Commune"))
    commune.press_sequentially("Vire", delay=50)
    page.get_by_role("option", name=re.compile("Vire Normandie")).click()
    expect(commune).to_have_value("Vire Normandie (14500) – 14762")
    page.get_by_role("checkbox", name="Tiers-lieu").check()
    page.get_by_label("Date d'ouverture du lieu").fill("2020-09-15")
    page.get_by_role("radio", name="Non").check()
    page.get_by_label("Présentation", exact=True).fill("Coworking, fablab et salle de visio au cœur du Bocage.")

    # Forgetting the opening date of a tiers-lieu is explained on the field, and nothing typed is lost.
    page.get_by_label("Date d'ouverture du lieu").fill("")
    page.get_by_role("button", name="Inscrire la structure").click()
    opening = page.get_by_label("Date d'ouverture du lieu")
    expect(opening).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_place_opened_on_error")).to_contain_text("obligatoire pour un tiers-lieu")
    expect(page.get_by_label("Raison sociale")).to_have_value("La Fabrique du Bocage")
    check_accessibility(page, "register-structure-error")

    opening.fill("2020-09-15")
    page.get_by_role("button", name="Inscrire la structure").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("La Fabrique du Bocage")
    expect(
        page.get_by_text("La structure La Fabrique du Bocage est inscrite : vous en êtes administrateur.")
    ).to_be_visible()
    expect(page.get_by_text("Vire Normandie (Calvados)")).to_be_visible()
    check_accessibility(page, "register-structure-done")

    # The new administrator invites a colleague from the structure's page.
    page.get_by_role("link", name=re.compile("Inviter")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inviter un collègue à rejoindre La Fabrique du Bocage")
    check_accessibility(page, "register-structure-invite")
    page.get_by_label("Adresse électronique de la personne invitée").fill("paul@fabrique-bocage.fr")
    page.get_by_role("radio", name="Membre").check()
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_text("Invitation envoyée à paul@fabrique-bocage.fr.")).to_be_visible()
    expect(page.get_by_role("cell", name="paul@fabrique-bocage.fr", exact=True)).to_be_visible()
    check_accessibility(page, "register-structure-invited")

    organisation = Organisation.objects.get()
    assert organisation.siret == "73282932000074"
    assert organisation.memberships.get().role == Membership.Role.ADMIN
