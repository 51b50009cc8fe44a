"""The chef de file reads the recap, fixes what blocks, gives the attestation sur l'honneur, submits, reads the
summary and downloads the whole dossier as a PDF."""

from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from deffinov.applications.models import Application, Document, SwornStatement
from tests.applications.factories import eligible_application, pdf_bytes
from tests.browser.test_application_journey import log_in


def assert_fits_a_phone(page):
    """At 390 px the page never scrolls sideways; the viewport is then set back."""
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size(size)


def test_recap_blockers_fix_attestation_submit_summary_and_pdf(page, live_server, check_accessibility):
    data = eligible_application()
    application = data["application"]
    Document.objects.filter(participation=data["partner"]).delete()
    Application.objects.filter(pk=application.pk).update(pooling="")
    log_in(page, data["lead_admin"], live_server.url)

    # The dossier page leads to the recap, which says what blocks and keeps « Déposer » disabled.
    page.goto(application.get_absolute_url())
    page.get_by_role("link", name="Déposer le dossier…").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('applications:recap', args=[application.number])}")
    expect(page.get_by_role("alert")).to_contain_text("2 points à régler")
    expect(page.locator("[data-blockers=rules]")).to_contain_text("Des pièces justificatives manquent")
    submit = page.get_by_role("button", name="Déposer le dossier au nom du collectif")
    expect(submit).to_be_disabled()
    check_accessibility(page, "recapitulatif-bloque")
    assert_fits_a_phone(page)

    # A link leads to the empty section; the text typed there is saved.
    page.locator("[data-blockers=sections]").get_by_role("link", name="Mutualisation").click()
    field = page.get_by_label("Mutualisation des équipements et des ressources")
    field.fill("Salle visio et ordinateurs partagés entre les membres.")
    field.blur()
    expect(page.locator("#status-mutualisation")).to_contain_text("Enregistré à")

    # The partner's documents, one at a time.
    organisation = "Formations du Calvados"
    while True:
        article = page.locator("article.member-documents", has_text=organisation)
        missing = article.locator(".document-list li", has=page.locator(".doc-status--missing"))
        if missing.count() == 0:
            break
        label = missing.first.inner_text().split("✗")[-1].split(" : ")[0].strip()
        form = page.get_by_role("form", name=f"Déposer un document pour {organisation}")
        form.get_by_label("Type de document").select_option(label=label)
        form.get_by_label("Fichier").set_input_files(
            {"name": f"{label}.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(label)}
        )
        form.get_by_role("button", name=f"Déposer le document de {organisation}").click()
        expect(page.locator(".messages")).to_contain_text("déposé")

    # Nothing blocks any more: the attestation, then « Déposer ».
    page.get_by_role("link", name="Déposer le dossier…").click()
    expect(page.get_by_text("Toutes les règles bloquantes sont respectées")).to_be_visible()
    expect(page.locator("#sworn-text")).to_contain_text("certifie sur l'honneur l'exactitude des informations")
    check_accessibility(page, "recapitulatif-pret")
    page.get_by_label("J'atteste sur l'honneur").check()
    page.get_by_role("button", name="Déposer le dossier au nom du collectif").click()
    expect(page.locator(".messages")).to_contain_text(f"Dossier {application.number} déposé")
    assert SwornStatement.objects.filter(application=application, signed_by=data["lead_admin"]).exists()

    # The submitted dossier reads as a summary, not as a greyed form.
    expect(page.get_by_role("heading", name="Le projet")).to_be_visible()
    expect(page.locator("textarea")).to_have_count(0)
    expect(page.locator("select")).to_have_count(0)
    expect(page.locator("#attestation")).to_contain_text("Attestée par")
    check_accessibility(page, "dossier-resume")
    assert_fits_a_phone(page)

    # The whole dossier as a PDF.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le dossier complet (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"dossier-{application.number}.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
