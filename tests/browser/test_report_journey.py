"""The interim report in Chromium, at 1280 and 390 px: the lead finds it on the project page, types a bad figure and
is told why with nothing lost, hands it in; the instructor accepts it. Nothing scrolls sideways, axe finds nothing
serious."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from deffinov.reports.models import ReportState
from tests.applications.factories import UserFactory
from tests.grants.helpers import funded_project
from tests.reports.conftest import countersigned


def fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 390])
def test_the_lead_hands_in_the_interim_report_and_the_instructor_accepts_it(
    page, check_accessibility, log_in_through_the_form, transactional_db, width
):
    instructor = UserFactory(instructor=True, email="ines@normandie.fr")
    functional_admin = UserFactory(functional_admin=True)
    project, data = funded_project(instructor, functional_admin)
    countersigned(project, data, functional_admin)
    page.set_viewport_size({"width": width, "height": 900})

    log_in_through_the_form(page, data["lead_admin"])
    page.goto(reverse("grants:detail", args=[project.number]))
    page.get_by_role("link", name="Rédiger le bilan intermédiaire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bilan intermédiaire du projet {project.number}")
    assert fits(page, width)
    check_accessibility(page, f"report-form-{width}")

    page.get_by_label("Récit du projet").fill("Trois ateliers ouverts, vingt apprenants accueillis.")
    page.get_by_label("Salariés (personnes)").fill("-4")
    page.get_by_label("Heures de formation dispensées (heures)").fill("120,5")
    page.get_by_role("button", name="Enregistrer et remettre à la Région").click()
    expect(page.get_by_text("Un indicateur ne peut pas être négatif")).to_be_visible()
    expect(page.get_by_label("Récit du projet")).to_have_value("Trois ateliers ouverts, vingt apprenants accueillis.")
    expect(page.get_by_label("Heures de formation dispensées (heures)")).to_have_value("120,5")
    assert fits(page, width)
    check_accessibility(page, f"report-form-error-{width}")

    page.get_by_label("Salariés (personnes)").fill("4")
    page.get_by_role("button", name="Enregistrer et remettre à la Région").click()
    expect(page.get_by_text("Le bilan est remis à la Région.")).to_be_visible()

    page.context.clear_cookies()
    log_in_through_the_form(page, instructor)
    page.goto(reverse("reports:detail", args=[project.number, "interim"]))
    expect(page.get_by_text("120,50 heures")).to_be_visible()
    assert fits(page, width)
    check_accessibility(page, f"report-detail-{width}")
    page.get_by_label("Accepter le bilan").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("est accepté")).to_be_visible()
    assert project.reports.get(kind="interim").state == ReportState.ACCEPTED

    page.goto(reverse("reports:late"))
    expect(page.get_by_text("Aucun bilan en retard.")).to_be_visible()
    assert fits(page, width)
    check_accessibility(page, f"reports-late-{width}")
