"""A tiers-lieu and a training organisation of Calvados form a consortium, write one dossier and submit it."""

import datetime as dt
import re

from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from deffinov.applications.models import Application, Receipt
from tests.applications.factories import OrganisationFactory, WaveFactory, pdf_bytes, person, project_dates


def log_in(page, user, base_url):
    """Open a session for `user` and hand its cookie to the browser."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}])


def autosave(page, key):
    status = page.locator(f"#status-{key}")
    expect(status).to_contain_text("Enregistré à")
    page.evaluate(f"document.getElementById('status-{key}').textContent = ''")


def test_consortium_writes_and_submits_its_dossier(page, live_server, browser, check_accessibility, run_tasks):
    wave = WaveFactory(title="Vague 2", call__programme_ends_on=dt.date(timezone.localdate().year + 4, 12, 31))
    start_on, end_on = project_dates(wave)
    tiers_lieu = OrganisationFactory(name="Le Tiers-Lieu du Bocage")
    training = OrganisationFactory(training=True, name="Formations du Calvados")
    claire = person(tiers_lieu, email="claire@tiers-lieu-bocage.fr")
    hugo = person(training, email="hugo@formations-calvados.fr")
    log_in(page, claire, live_server.url)

    # The tiers-lieu's admin creates the dossier: her structure is chef de file.
    page.goto("/dossiers/nouveau/")
    check_accessibility(page, "dossier-nouveau")
    page.get_by_label("Vague").select_option(label=str(wave))
    page.get_by_label("Titre du projet").fill("Espace de compétences du Bocage")
    page.get_by_role("button", name="Créer le dossier").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Collectif du dossier")
    number = Application.objects.get().number

    # She finds the training organisation and invites it as a member.
    page.get_by_label("Rechercher une structure inscrite").fill("Formations")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#search-results")).to_contain_text("Formations du Calvados")
    check_accessibility(page, "dossier-consortium")
    page.get_by_role("button", name="Inviter Formations du Calvados").click()
    expect(page.locator(".messages")).to_contain_text("Invitation envoyée à Formations du Calvados")

    # The training organisation's admin accepts from the list of dossiers.
    partner_context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    partner_page = partner_context.new_page()
    log_in(partner_page, hugo, live_server.url)
    partner_page.goto("/dossiers/")
    check_accessibility(partner_page, "dossiers-invitation")
    partner_page.get_by_role("button", name=f"Accepter l'invitation au dossier {number}").click()
    expect(partner_page.locator(".messages")).to_contain_text("a rejoint le dossier")
    partner_context.close()

    # Together they write the dossier; each section saves itself.
    page.goto(f"/dossiers/{number}/")
    panel = page.locator("#eligibility-panel")
    expect(panel.locator(".eligibility__summary")).to_contain_text("non respectée")
    check_accessibility(page, "dossier-brouillon")
    page.get_by_label("Résumé du projet").fill("Un espace de formation au cœur du Bocage virois.")
    page.get_by_label("Résumé du projet").dispatch_event("change")
    autosave(page, "identite")
    page.get_by_label("Lieux d'activité").fill("Vire Normandie (14500)")
    page.get_by_label("Lieux d'activité").dispatch_event("change")
    autosave(page, "territoire")
    page.get_by_label("Demandeurs d'emploi").check()
    autosave(page, "publics")
    page.get_by_label("Approche pédagogique", exact=True).fill("Formations hybrides accompagnées.")
    page.get_by_label("Caractère innovant").fill("Parcours courts co-construits.")
    page.get_by_label("Caractère innovant").dispatch_event("change")
    autosave(page, "pedagogie")
    page.get_by_label("Mutualisation des équipements et des ressources").fill("Salle visio partagée.")
    page.get_by_label("Mutualisation des équipements et des ressources").dispatch_event("change")
    autosave(page, "mutualisation")
    page.get_by_label("Espaces et équipements prévus").fill("Douze postes, une cabine de visioconférence.")
    page.get_by_label("Espaces et équipements prévus").dispatch_event("change")
    autosave(page, "espaces")
    page.get_by_label("Début du projet").fill(start_on.isoformat())
    page.get_by_label("Fin du projet").fill(end_on.isoformat())
    page.get_by_label("Fin du projet").dispatch_event("change")
    autosave(page, "calendrier")
    criteria = page.locator("#criteres textarea")
    for index in range(criteria.count()):
        criteria.nth(index).fill("Pratiqué au quotidien depuis l'ouverture du lieu.")
    criteria.last.dispatch_event("change")
    autosave(page, "criteres")
    page.get_by_label("Part de la subvention pour Le Tiers-Lieu du Bocage (%)").fill("60")
    page.get_by_label("Part de la subvention pour Formations du Calvados (%)").fill("40")
    page.get_by_label("Part de la subvention pour Formations du Calvados (%)").dispatch_event("change")
    autosave(page, "repartition")

    # The budget: two expenses, two resources, 33 % cofinancing, amounts typed the French way.
    for member, category, label, amount in [
        ("Le Tiers-Lieu du Bocage", "Personnel", "Animatrice", "100 000"),
        ("Formations du Calvados", "Équipement pédagogique", "Ordinateurs", "49 999,50"),
        ("Formations du Calvados", "Communication", "Affiches", "0,5"),
    ]:
        expense = page.locator("form[aria-labelledby=add-expense-title]")
        expense.get_by_label("Membre qui porte la dépense").select_option(label=member)
        expense.get_by_label("Catégorie").select_option(label=category)
        expense.get_by_label("Libellé").fill(label)
        expense.get_by_label("Montant (€)").fill(amount)
        expense.get_by_role("button", name="Ajouter la dépense").click()
        expect(page.locator(".messages")).to_contain_text(f"Dépense « {label} » ajoutée")
    resources = [
        ("Subvention demandée à la Région", "Région", "100 000 €"),
        ("Autofinancement", "Fonds propres", "50000.00"),
    ]
    for kind, label, amount in resources:
        resource = page.locator("form[aria-labelledby=add-resource-title]")
        resource.get_by_label("Nature").select_option(label=kind)
        resource.get_by_label("Libellé").fill(label)
        resource.get_by_label("Montant (€)").fill(amount)
        resource.get_by_role("button", name="Ajouter la ressource").click()
        expect(page.locator(".messages")).to_contain_text(f"Ressource « {label} » ajoutée")
    expect(page.locator("[data-total=cofinancing]")).to_have_text(re.compile(r"33,3\s%"))
    expect(panel.locator(".eligibility__summary")).to_contain_text("1 règle bloquante non respectée")
    expect(panel.locator("[data-rule='documents.complete']")).to_contain_text("pièces justificatives manquent")

    # Each member's documents, one at a time.
    for organisation in ["Le Tiers-Lieu du Bocage", "Formations du Calvados"]:
        while True:
            form = page.get_by_role("form", name=f"Déposer un document pour {organisation}")
            article = page.locator("article.member-documents", has_text=organisation)
            missing = article.locator(".document-list li", has=page.locator(".doc-status--missing"))
            if missing.count() == 0:
                break
            label = missing.first.inner_text().split("✗")[-1].split(" : ")[0].strip()
            form.get_by_label("Type de document").select_option(label=label)
            form.get_by_label("Fichier").set_input_files(
                {"name": f"{label}.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(label)}
            )
            form.get_by_role("button", name=f"Déposer le document de {organisation}").click()
            expect(page.locator(".messages")).to_contain_text("déposé")
    expect(panel.locator(".eligibility__summary")).to_contain_text("Toutes les règles bloquantes sont respectées")
    check_accessibility(page, "dossier-complet")

    # The chef de file submits; every member's people receive the receipt.
    page.get_by_role("link", name="Déposer le dossier…").click()
    check_accessibility(page, "dossier-depot")
    page.get_by_label("J'atteste sur l'honneur").check()
    page.get_by_role("button", name="Déposer le dossier au nom du collectif").click()
    expect(page.locator(".messages")).to_contain_text(f"Dossier {number} déposé")
    run_tasks()
    assert Receipt.objects.filter(application__number=number).exists()
    receipts = [message for message in mail.outbox if message.subject.startswith("Accusé de réception")]
    assert sorted(address for message in receipts for address in message.to) == sorted([claire.email, hugo.email])
    assert all(message.attachments[0][2] == "application/pdf" for message in receipts)
    page.reload()
    expect(page.get_by_role("link", name="Télécharger l'accusé de réception (PDF)")).to_be_visible()
    check_accessibility(page, "dossier-depose")
