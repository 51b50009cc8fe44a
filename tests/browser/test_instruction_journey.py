"""Journey: an instructor filters a wave's dossiers, starts instructing one, sends it back for a correction;
the chef de file reads the request, corrects and resubmits; the instructor sees what changed."""

import datetime as dt
import re

from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from deffinov.applications.documents import missing_kinds
from deffinov.applications.models import Application, CriterionDeclaration, State
from tests.accounts.factories import UserFactory
from tests.applications.factories import add_document
from tests.instruction.factories import make_application, make_wave, saint_lo
from tests.organisations.factories import OrganisationFactory


def log_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def complete(dossier, title):
    """What the collectif fills in on its dossier's pages: the title, the calendar, the criteria, every piece."""
    Application.objects.filter(pk=dossier.pk).update(
        title=title, start_on=dt.date(2024, 9, 1), end_on=dt.date(2025, 12, 31)
    )
    for participation in dossier.participations.filter(status="accepted").select_related("organisation"):
        if participation.organisation.is_tiers_lieu:
            for criterion in dossier.wave.call.tiers_lieu_criteria.all():
                CriterionDeclaration.objects.create(
                    participation=participation, criterion=criterion, justification="Pratiqué depuis l'ouverture."
                )
        for requirement in missing_kinds(participation, participation.documents.all()):
            add_document(participation, requirement.code)


def test_instruction_with_a_correction_request(page, browser, live_server, check_accessibility, transactional_db):
    wave = make_wave()
    instructor = UserFactory(email="lucie@normandie.fr", first_name="Lucie", last_name="Bernard", staff=True)
    lead_admin = UserFactory(email="claire@campus-manche.fr", first_name="Claire", last_name="Durand")
    make_application(wave, title="Bocage numérique")
    make_application(wave, title="Campus de la Manche (déjà instruit)", commune=saint_lo(), state=State.IN_REVIEW)
    dossier = make_application(
        wave,
        title="Campus de la Manche",
        commune=saint_lo(),
        lead=OrganisationFactory(name="Campus connecté de Saint-Lô", admins=[lead_admin]),
        with_document=True,
    )

    # The instructor finds the dossier among the wave's.
    log_in(page.context, live_server, instructor)
    page.goto("/instruction/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Instruction des dossiers")
    check_accessibility(page, "instruction-index")
    page.get_by_role("link", name="Vague 2 – 2024").click()
    expect(page.get_by_role("heading", level=2, name="3 dossiers")).to_be_visible()
    check_accessibility(page, "instruction-workspace")
    page.get_by_label("Département des lieux d'activité").select_option("50")
    page.get_by_label("État", exact=True).select_option(label="Déposé")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("heading", level=2, name="1 dossier")).to_be_visible()
    assert "departement=50" in page.url and "state=submitted" in page.url
    check_accessibility(page, "instruction-workspace-filtered")
    page.get_by_role("link", name=dossier.number).click()

    # Starts the instruction, then sends the dossier back with a reason.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Campus de la Manche")
    check_accessibility(page, "instruction-dossier")
    page.get_by_role("button", name="Commencer l'instruction").click()
    expect(page.get_by_text("L'instruction du dossier a commencé.")).to_be_visible()
    page.get_by_text("Demander une correction au collectif").click()
    page.get_by_role("radio", name="Dossier incomplet").check()
    page.get_by_label("Ce qui doit être corrigé").fill("Le titre doit nommer la commune du campus.")
    page.get_by_label("À renvoyer avant le").fill((dt.date.today() + dt.timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Renvoyer pour correction").click()
    expect(page.get_by_text("Le dossier est renvoyé au collectif pour correction")).to_be_visible()
    expect(page.locator(".state").first).to_have_text("À corriger")
    check_accessibility(page, "instruction-dossier-correction")

    # The chef de file, in their own browser, reads the request, corrects and resubmits.
    lead_context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    lead_context.set_default_timeout(10_000)
    lead_page = lead_context.new_page()
    log_in(lead_context, live_server, lead_admin)
    lead_page.goto(f"/instruction/dossiers/{dossier.number}/messages/")
    expect(lead_page.get_by_role("heading", name="La Région demande une correction")).to_be_visible()
    expect(lead_page.get_by_text("Le titre doit nommer la commune du campus.")).to_be_visible()
    check_accessibility(lead_page, "instruction-thread-lead")
    # A resubmission goes through the guard of a first submission: the dossier is still incomplete.
    lead_page.get_by_role("button", name="Renvoyer le dossier corrigé à la Région").click()
    expect(lead_page.get_by_text("Le dossier ne peut pas être renvoyé")).to_be_visible()
    expect(
        lead_page.get_by_role("alert").filter(has_text="Ces règles de l'appel ne sont pas respectées")
    ).to_be_visible()
    # The dossier's own edit pages belong to the applications app: the correction is written directly here.
    complete(dossier, title="Campus connecté de Saint-Lô")
    lead_page.get_by_role("textbox", name="Votre message").fill("Titre corrigé, merci.")
    lead_page.get_by_role("button", name="Envoyer", exact=True).click()
    expect(lead_page.get_by_text("Votre message est envoyé.")).to_be_visible()
    lead_page.get_by_role("button", name="Renvoyer le dossier corrigé à la Région").click()
    expect(lead_page.get_by_text("Le dossier corrigé est renvoyé à la Région.")).to_be_visible()
    lead_context.close()

    # The instructor sees what changed.
    page.reload()
    expect(page.locator(".state").first).to_have_text("En instruction")
    changes = page.get_by_role("table", name="Ce qui a changé")
    expect(changes).to_contain_text("Titre du projet")
    expect(changes).to_contain_text("Campus connecté de Saint-Lô")
    expect(page.get_by_role("link", name=re.compile(r"Échanges avec le collectif \(1 message\)"))).to_be_visible()
    check_accessibility(page, "instruction-dossier-resubmitted")
    page.get_by_role("link", name=re.compile("Échanges avec le collectif")).click()
    expect(page.get_by_text("Titre corrigé, merci.")).to_be_visible()
    check_accessibility(page, "instruction-thread-staff")
