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
