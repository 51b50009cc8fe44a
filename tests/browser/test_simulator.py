"""A visitor checks an imagined consortium in the public simulator, and watches the rules turn green as they type."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deffinov.calls.models import Wave
from deffinov.eligibility.engine import add_months
from tests.eligibility.fixtures import create_normandy_call


@pytest.fixture
def call_with_an_open_wave(transactional_db):
    call = create_normandy_call()
    now = timezone.now()
    Wave.objects.create(
        call=call,
        number=3,
        slug="vague-3",
        title="Vague 3",
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=30),
        # Projects of this wave may end after the programme's own end, so that one starting after today fits.
        projects_end_on=now.date().replace(year=now.year + 4, month=12, day=31),
    )
    return call


def rule(page, code):
    return page.locator(f'#resultat-contenu [data-rule="{code}"]')


def test_a_tiers_lieu_and_a_training_organisation_find_out_they_are_eligible(
    page, check_accessibility, call_with_an_open_wave
):
    page.goto("/eligibilite/simulateur/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Suis-je éligible ?")
    expect(page.get_by_label("Vague (obligatoire)", exact=True)).to_have_value("vague-3")
    expect(rule(page, "wave.open")).to_have_attribute("data-status", "pass")
    for code in ("composition.tiers_lieu", "composition.training_actor", "composition.lead", "budget.cofinancing"):
        expect(rule(page, code)).to_have_attribute("data-status", "fail")
    expect(page.locator("#resultat-contenu")).to_contain_text("Pas encore éligible")

    tiers_lieu = page.locator("#membre-1")
    tiers_lieu.get_by_label("Nom de la structure").fill("La Fabrique de Vire")
    tiers_lieu.get_by_label("Tiers-lieu", exact=True).check()
    tiers_lieu.get_by_label("Date de création de la structure").fill("2018-05-01")
    tiers_lieu.get_by_label("Structure 1 chef de file").check()
    expect(rule(page, "composition.lead")).to_have_attribute("data-status", "pass")
    expect(rule(page, "composition.tiers_lieu")).to_contain_text("Gouvernance partagée")
    tiers_lieu.get_by_text("Critères tiers-lieu (pour un tiers-lieu)").click()
    for label in (
        "Ancrage territorial",
        "Communauté d'acteurs engagés",
        "Gouvernance partagée",
        "Hybridation des activités",
    ):
        tiers_lieu.get_by_label(label, exact=True).check()
    tiers_lieu.get_by_label("Justification : Expérimentation et innovation").fill("Un fablab ouvert aux essais.")
    expect(rule(page, "composition.tiers_lieu")).to_have_attribute("data-status", "pass")

    training = page.locator("#membre-2")
    training.get_by_label("Nom de la structure").fill("Formations du Bocage")
    training.get_by_label("Organisme de formation", exact=True).check()
    training.get_by_label("Date de création de la structure").fill("2010-09-01")
    expect(rule(page, "composition.training_actor")).to_have_attribute("data-status", "pass")
    expect(rule(page, "composition.distinct_members")).to_have_attribute("data-status", "pass")
    expect(rule(page, "members.seniority")).to_have_attribute("data-status", "pass")

    page.get_by_label("Orne (61)").check()
    expect(rule(page, "territory.region")).to_have_attribute("data-status", "pass")

    page.get_by_label("Total des dépenses éligibles (€)").fill("200000")
    page.get_by_label("Subvention demandée à la Région (€)").fill("150000")
    expect(rule(page, "budget.cofinancing")).to_have_attribute("data-status", "fail")
    expect(rule(page, "budget.cofinancing")).to_contain_text("ne peut dépasser 140\u00a0000\u00a0€")
    page.get_by_label("Subvention demandée à la Région (€)").fill("120000")
    page.get_by_label("Autofinancement (€)").fill("30000")
    page.get_by_label("Autres financements publics (€)").fill("30000")
    page.get_by_label("Valorisations, apports en nature (€)").fill("20000")
    expect(rule(page, "budget.cofinancing")).to_have_attribute("data-status", "pass")
    expect(rule(page, "budget.balanced")).to_have_attribute("data-status", "pass")

    # Twelve months starting next month: a project may not start before it is filed.
    start = (timezone.localdate() + dt.timedelta(days=40)).replace(day=1)
    end = add_months(start, 12) - dt.timedelta(days=1)
    page.get_by_label("Début du projet").fill(start.isoformat())
    page.get_by_label("Fin du projet").fill(end.isoformat())
    expect(rule(page, "schedule.duration")).to_have_attribute("data-status", "pass")

    expect(page.locator("#resultat-contenu")).to_contain_text("Votre projet semble éligible.")
    expect(page.locator('#resultat-contenu [data-status="fail"]')).to_have_count(0)
    expect(rule(page, "composition.tiers_lieu").locator(".rule__status")).to_have_text("(Respectée)")
    check_accessibility(page, "simulator")


def test_without_javascript_the_form_posts_and_keeps_everything(browser, live_server, call_with_an_open_wave):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto("/eligibilite/simulateur/")
    page.locator("#membre-1").get_by_label("Nom de la structure").fill("La Fabrique de Vire")
    page.locator("#membre-1").get_by_label("Tiers-lieu", exact=True).check()
    page.get_by_label("Total des dépenses éligibles (€)").fill("200000")

    page.get_by_role("button", name="Vérifier l'éligibilité").click()

    expect(page.locator("#membre-1").get_by_label("Nom de la structure")).to_have_value("La Fabrique de Vire")
    expect(page.locator("#membre-1").get_by_label("Tiers-lieu", exact=True)).to_be_checked()
    expect(page.get_by_label("Total des dépenses éligibles (€)")).to_have_value("200000")
    expect(rule(page, "composition.tiers_lieu")).to_contain_text("ne déclare pas")
    context.close()
