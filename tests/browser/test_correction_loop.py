"""Journey: the instructor asks for a correction; the chef de file reads the banner on the dossier, answers in the
messagerie, corrects the dossier and sends it back; every member gets a new receipt, the instructor is told."""

import datetime as dt

from django.core import mail
from playwright.sync_api import expect

from deffinov.applications import workflow
from deffinov.applications.models import Application
from deffinov.instruction.models import Assignment
from tests.accounts.factories import UserFactory
from tests.applications.factories import eligible_application


def test_the_correction_loop_from_both_sides(
    page, browser, live_server, check_accessibility, log_in_through_the_form, run_tasks, transactional_db
):
    data = eligible_application()
    application = data["application"]
    instructor = UserFactory(email="lucie@normandie.fr", first_name="Lucie", last_name="Bernard", instructor=True)
    assert workflow.submit(application, data["lead_admin"]) is True
    Assignment.objects.create(application=application, instructor=instructor)
    run_tasks()
    first_receipt = application.receipt.sha256

    # The instructor starts the instruction and sends the dossier back, with a reason and a due date.
    log_in_through_the_form(page, instructor)
    page.goto(f"/instruction/dossiers/{application.number}/")
    page.get_by_role("button", name="Commencer l'instruction").click()
    expect(page.get_by_text("L'instruction du dossier a commencé.")).to_be_visible()
    page.get_by_text("Demander une correction au collectif").click()
    page.get_by_role("radio", name="Informations erronées").check()
    page.get_by_label("Ce qui doit être corrigé").fill("Le titre doit nommer la commune du projet.")
    due_on = dt.date.today() + dt.timedelta(days=10)
    page.get_by_label("À renvoyer avant le").fill(due_on.isoformat())
    page.get_by_role("button", name="Renvoyer pour correction").click()
    expect(page.get_by_text("Le dossier est renvoyé au collectif pour correction")).to_be_visible()

    # The chef de file, in their own browser, finds everything on the dossier.
    lead_context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    lead_context.set_default_timeout(10_000)
    lead = lead_context.new_page()
    log_in_through_the_form(lead, data["lead_admin"])
    lead.goto(application.get_absolute_url())
    banner = lead.locator("#correction")
    expect(banner.get_by_role("heading", name="La Région demande une correction")).to_be_visible()
    expect(banner).to_contain_text("Le titre doit nommer la commune du projet.")
    expect(banner).to_contain_text("Lucie Bernard")
    expect(banner).to_contain_text("(heure de Paris)")
    expect(lead.get_by_text("Il ne peut plus être modifié")).to_have_count(0)
    check_accessibility(lead, "correction-banner")

    # It answers in the messagerie tab of the dossier.
    lead.get_by_role("link", name="Messagerie", exact=True).click()
    expect(lead.get_by_role("heading", level=1)).to_contain_text("messagerie")
    check_accessibility(lead, "correction-messagerie")
    lead.get_by_role("textbox", name="Votre message").fill("Nous corrigeons le titre aujourd'hui.")
    lead.get_by_role("button", name="Envoyer", exact=True).click()
    expect(lead.get_by_text("Votre message est envoyé.")).to_be_visible()
    expect(lead.get_by_text("Nous corrigeons le titre aujourd'hui.")).to_be_visible()

    # It corrects the title (saved as it types), then sends the dossier back from the banner.
    lead.get_by_role("link", name="Dossier", exact=True).click()
    lead.locator("#identite").get_by_label("Titre du projet").fill("Espace de compétences de Vire Normandie")
    lead.locator("#identite").get_by_label("Titre du projet").press("Tab")
    expect(lead.locator("#status-identite")).to_contain_text("Enregistré")
    lead.get_by_role("button", name="Renvoyer le dossier").click()
    expect(lead.get_by_text("Le dossier corrigé est renvoyé à la Région.")).to_be_visible()
    expect(lead.locator("#correction")).to_have_count(0)
    check_accessibility(lead, "correction-resubmitted")
    lead.get_by_role("link", name="Historique").click()
    expect(lead.get_by_text("Dossier corrigé renvoyé")).to_be_visible()
    check_accessibility(lead, "correction-timeline")
    # On a phone, the messagerie and the history do not scroll sideways.
    lead.set_viewport_size({"width": 390, "height": 844})
    for path in (f"{application.get_absolute_url()}messages/", f"{application.get_absolute_url()}historique/"):
        lead.goto(path)
        assert lead.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    lead_context.close()

    # Every member gets a new receipt; the instructor is told.
    mail.outbox.clear()
    run_tasks()
    application = Application.objects.get(pk=application.pk)
    assert application.state == "in_review"
    assert application.receipt.sha256 != first_receipt
    receipts = [m for m in mail.outbox if m.subject == f"Accusé de réception du dossier {application.number}"]
    assert sorted(address for m in receipts for address in m.to) == sorted(
        [data["lead_admin"].email, data["partner_admin"].email]
    )
    assert any(m.to == [instructor.email] and "dossier corrigé est renvoyé" in m.subject for m in mail.outbox)
    page.reload()
    expect(page.get_by_text("Espace de compétences de Vire Normandie").first).to_be_visible()
    check_accessibility(page, "correction-instructor-after")
