"""Region agents and admins log in in Chromium with their password, then the code of their authenticator app."""

from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD, UserFactory, totp_code


def test_an_instructor_logs_in_with_the_code_of_the_authenticator(page, check_accessibility, transactional_db):
    instructor = UserFactory(instructor=True, email="lucie@normandie.fr")

    page.goto("/instruction/")
    page.locator("#id_login").fill(instructor.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Authentification à deux facteurs")
    check_accessibility(page, "second-factor")
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Connexion").click()

    expect(page).to_have_url("/instruction/")


def test_the_admin_login_is_the_site_login_with_the_second_factor(page, log_in_through_the_form, transactional_db):
    admin = UserFactory(is_staff=True, is_superuser=True, email="alix@normandie.fr")

    log_in_through_the_form(page, admin, start="/admin/")

    expect(page).to_have_url("/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_an_instructor_without_a_second_factor_sets_it_up_before_instructing(
    page, check_accessibility, transactional_db
):
    instructor = UserFactory(instructor=True, second_factor=False, email="paul@normandie.fr")

    page.goto("/instruction/")
    page.locator("#id_login").fill(instructor.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_text("activez l'authentification à deux facteurs pour continuer")).to_be_visible()
    # Setting a second factor up is a sensitive action: the password is asked again.
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Confirmer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Activer l'application d'authentification")
    check_accessibility(page, "second-factor-setup")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code").fill(totp_code(secret=secret))
    page.get_by_role("button", name="Activer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Codes de récupération")
    page.goto("/instruction/")
    expect(page).to_have_url("/instruction/")
