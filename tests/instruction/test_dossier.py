import pytest
from django.urls import reverse

from deffinov.applications.models import Application, Document
from deffinov.audit.models import AuditEvent
from tests.organisations.helpers import page_text

pytestmark = pytest.mark.django_db


def dossier_url(application):
    return reverse("instruction:dossier", args=[application.number])


def test_the_frozen_submission_is_shown_not_later_edits(client, instructor, application):
    Application.objects.filter(pk=application.pk).update(title="Titre modifié après le dépôt", summary="Autre")
    client.force_login(instructor)
    text = page_text(client.get(dossier_url(application)))
    assert "Espace de compétences du Bocage" in text
    assert "Un espace de formation partagé." in text
    assert "La Fabrique du Bocage" in text
    assert "Formations du Bocage" in text
    assert "Verdict enregistré au dépôt" in text
    assert "✓</span> Éligible" in text
    assert "Subvention demandée" in text
    assert "80\xa0000\xa0€" in text


def test_recalculate_shows_both_verdicts_side_by_side(client, instructor, application):
    client.force_login(instructor)
    response = client.get(dossier_url(application), {"recalculer": "1"})
    text = page_text(response)
    assert "Verdict au dépôt et verdict recalculé" in text
    codes = [row["code"] for row in response.context["comparison"]]
    assert "budget.cofinancing" in codes
    assert "composition.lead" in codes  # recomputed rules absent from the stored verdict still show
    assert "Verdict recalculé :" in text


def test_documents_open_inline_or_download_and_each_opening_is_audited(client, instructor, application):
    document = Document.objects.get(application=application)
    client.force_login(instructor)
    page = page_text(client.get(dossier_url(application)))
    assert "statuts.pdf" in page
    assert "(nouvel onglet)" in page
    preview = client.get(reverse("instruction:document_preview", args=[application.number, document.pk]))
    assert preview.status_code == 200
    assert preview["Content-Type"] == "application/pdf"
    assert preview["Content-Disposition"].startswith("inline")
    assert b"".join(preview.streaming_content).startswith(b"%PDF")
    download = client.get(reverse("instruction:document_download", args=[application.number, document.pk]))
    assert download["Content-Disposition"].startswith('attachment; filename="statuts.pdf"')
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    events = list(AuditEvent.objects.filter(object_id=str(document.pk)).order_by("sequence"))
    assert [e.action for e in events] == ["application.document_viewed", "application.document_downloaded"]
    assert all(e.actor == instructor and e.data["sha256"] == document.sha256 for e in events)


def test_a_document_of_another_dossier_is_not_found(client, instructor, application, wave):
    from tests.instruction.factories import make_application

    other = make_application(wave, with_document=True)
    document = Document.objects.get(application=other)
    client.force_login(instructor)
    response = client.get(reverse("instruction:document_download", args=[application.number, document.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="application.document_downloaded").exists()


def test_a_draft_is_not_found_even_by_staff(client, instructor, wave):
    draft = Application.objects.create(wave=wave, title="Brouillon")
    client.force_login(instructor)
    assert client.get(dossier_url(draft)).status_code == 404
