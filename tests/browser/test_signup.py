"""A person creates an account in Chromium, confirms the address from the email, and reaches their space."""

import re

from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD, UserFactory


def test_a_person_signs_up_confirms_the_address_and_reaches_the_dashboard(
    page, check_accessibility, transactional_db, run_tasks
):
    page.goto("/")
    page.get_by_role("link", name="Créer un compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer un compte")
    check_accessibility(page, "signup")

    page.get_by_label("Prénom (obligatoire)", exact=True).fill("Camille")
    page.get_by_label("Nom (obligatoire)", exact=True).fill("Lefèvre")
    page.get_by_label("Adresse électronique").fill("camille@tiers-lieu-vire.fr")
    page.get_by_label("Mot de passe (obligatoire)", exact=True).fill("Bocage-Numerique-14")
    page.get_by_label("Mot de passe (confirmation)").fill("Autre-chose-14")
    page.get_by_role("button", name="Créer mon compte").click()

    # A mistake is explained on the field, and what was typed is still there.
    expect(page.get_by_text("Vous devez saisir deux fois le même mot de passe.")).to_be_visible()
    expect(page.get_by_label("Adresse électronique")).to_have_value("camille@tiers-lieu-vire.fr")
    check_accessibility(page, "signup-error")
    page.get_by_label("Mot de passe (obligatoire)", exact=True).fill("Bocage-Numerique-14")
    page.get_by_label("Mot de passe (confirmation)").fill("Bocage-Numerique-14")
    page.get_by_role("button", name="Créer mon compte").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre adresse électronique")
    check_accessibility(page, "signup-verification-sent")
    assert mail.outbox == []

    run_tasks()

    [message] = mail.outbox
    assert message.subject == "[Deffinov] Confirmez votre adresse pour activer votre compte"
    # The email links to the public site (SITE_URL); the browser follows the same path on the test server.
    link = re.search(r"https?://\S+/comptes/confirm-email/\S+", message.body).group(0)
    assert link.startswith(f"{settings.SITE_URL}/")
    page.goto(link.removeprefix(settings.SITE_URL))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer votre adresse électronique")
    check_accessibility(page, "signup-confirm-email")
    page.get_by_role("button", name="Confirmer mon adresse").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    expect(page.get_by_text("Bonjour Camille")).to_be_visible()
    expect(page.get_by_role("link", name="Inscrire une structure")).to_be_visible()
    check_accessibility(page, "dashboard")


def test_a_person_logs_in_after_a_typo_and_edits_the_profile(page, check_accessibility, transactional_db):
    user = UserFactory(email="dominique@campus-saint-lo.fr", first_name="Dominique")

    page.goto("/comptes/login/")
    check_accessibility(page, "login")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe (obligatoire)", exact=True).fill("pas-le-bon")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_contain_text("L’adresse électronique ou le mot de passe sont incorrects.")
    expect(page.get_by_label("Adresse électronique")).to_have_value(user.email)
    check_accessibility(page, "login-error")

    page.get_by_label("Mot de passe (obligatoire)", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")

    page.get_by_role("link", name="Modifier mon profil").click()
    check_accessibility(page, "profile")
    page.get_by_label("Téléphone").fill("02 33 00 00 00")
    page.get_by_label("Fonction").fill("Coordinatrice du campus")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Votre profil a été enregistré.")).to_be_visible()
    check_accessibility(page, "profile-saved")

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
