"""Journey: the lead's administrator downloads the convention, uploads the signed copy; the functional administrator
countersigns it with its date; the collectif reads the countersigned convention. Each page passes axe and fits a
phone's width."""

from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from deffinov.formatting import day
from deffinov.grants.models import ProjectState
from tests.applications.factories import UserFactory
from tests.grants.helpers import funded_project, signed_pdf

PHONE = {"width": 390, "height": 844}


def log_in(page, live_server, user):
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def fits_a_phone(page):
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_lead_uploads_the_signed_convention_and_the_region_countersigns_it(page, live_server, check_accessibility):
    instructor = UserFactory(instructor=True, first_name="Inès", last_name="Instructrice")
    functional_admin = UserFactory(functional_admin=True, first_name="Fanny", last_name="Fonctionnelle")
    project, data = funded_project(instructor, functional_admin)
    url = f"/projets/{project.number}/"

    # The lead's administrator finds the project from the menu, downloads the convention and uploads it signed.
    log_in(page, live_server, data["lead_admin"])
    page.goto("/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Projets financés").click()
    page.get_by_role("link", name=project.title).click()
    expect(page.get_by_role("heading", name=project.title, level=1)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger la convention (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    check_accessibility(page, "projet-convention-a-signer")
    fits_a_phone(page)
    pdf = signed_pdf().read()
    page.get_by_label("Convention signée (PDF)").set_input_files(
        files=[{"name": "convention-signee.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    page.get_by_role("button", name="Déposer la convention signée").click()
    expect(page.get_by_text("La convention signée est déposée")).to_be_visible()

    # The functional administrator countersigns it, dated today.
    log_in(page, live_server, functional_admin)
    page.goto(url)
    expect(page.get_by_text("Le chef de file a déposé la convention signée")).to_be_visible()
    page.get_by_label("Date de la contre-signature").fill(timezone.localdate().isoformat())
    page.get_by_label("Je confirme contre-signer la convention au nom de la Région.").check()
    check_accessibility(page, "projet-contre-signature")
    page.get_by_role("button", name="Contre-signer").click()
    expect(page.get_by_text(f"Convention contre-signée le {day(timezone.localdate())}")).to_be_visible()
    expect(page.locator(".badge", has_text="Convention signée").first).to_be_visible()
    check_accessibility(page, "projet-convention-contre-signee")
    fits_a_phone(page)
    project.refresh_from_db()
    assert project.state == ProjectState.SIGNED and project.convention_date == timezone.localdate()

    # The list of projects and the amendment form read well too, on a phone as well.
    page.goto("/projets/")
    check_accessibility(page, "projets-finances")
    fits_a_phone(page)
    page.goto(f"{url}avenants/nouveau/")
    page.get_by_label("Motif").fill("Report de l'ouverture du second lieu.")
    page.get_by_label("Date de l'avenant").fill(timezone.localdate().isoformat())
    page.get_by_label("Montant accordé (€)").fill("150 000")
    page.get_by_role("button", name="Enregistrer l'avenant").click()
    expect(page.get_by_text("Le montant dépasse la subvention demandée par le collectif")).to_be_visible()
    expect(page.get_by_label("Montant accordé (€)")).to_have_value("150 000")
    expect(page.get_by_label("Motif")).to_have_value("Report de l'ouverture du second lieu.")
    check_accessibility(page, "projet-avenant-refuse")
    fits_a_phone(page)

    # A member of the collectif reads the countersigned convention.
    log_in(page, live_server, data["partner_admin"])
    page.goto(url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger la convention contre-signée (PDF)").click()
    assert download.value.suggested_filename.startswith(f"convention-{project.number}-countersigned")
