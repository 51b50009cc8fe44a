"""The programme dashboard (Region) and the public page of the laureates in Chromium, at 1280 and 390 px: each chart
is followed by its table, the exports download, nothing scrolls sideways, axe finds nothing serious."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.applications.factories import UserFactory
from tests.grants.helpers import funded_project, signed


def fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 390])
def test_the_dashboard_and_the_laureates_page(
    page, check_accessibility, log_in_through_the_form, transactional_db, width
):
    instructor = UserFactory(instructor=True)
    functional_admin = UserFactory(functional_admin=True)
    project, _ = funded_project(instructor, functional_admin, amount=Decimal(90_000))
    signed(project, functional_admin)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(reverse("dashboards:supported"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Les projets soutenus")
    expect(page.get_by_role("region", name="Carte des lauréats (le tableau donne les mêmes communes)")).to_be_visible()
    expect(page.locator(".leaflet-marker-icon, .marker-cluster").first).to_be_visible()
    expect(page.get_by_role("cell", name="90\u00a0000\u00a0€").first).to_be_visible()
    assert fits(page, width)
    check_accessibility(page, f"projets-soutenus-{width}")

    log_in_through_the_form(page, instructor)
    page.get_by_role("link", name="Tableau de bord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord du programme")
    expect(page.get_by_role("img", name="Dossiers et subventions par vague")).to_be_visible()
    assert fits(page, width)
    check_accessibility(page, f"tableau-de-bord-{width}")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX – Dossiers et subventions par vague").click()
    assert download.value.suggested_filename.endswith(".xlsx")
