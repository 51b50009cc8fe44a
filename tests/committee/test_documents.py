import io
import zipfile

import pytest
from django.urls import reverse

from deffinov.audit.models import AuditEvent
from deffinov.committee.documents import dossier_html
from deffinov.reviews import experts
from deffinov.reviews.models import ExpertInvitation

pytestmark = pytest.mark.django_db


def test_the_pieces_zip_has_every_document_by_structure_and_is_audited(client, decidable, instructor):
    application = decidable["application"]
    client.force_login(instructor)
    response = client.get(reverse("committee:dossier_zip", args=[application.number]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    expected = application.documents.count()
    assert len(names) == expected > 0
    assert {name.split("/")[0] for name in names} == {"Le Tiers-Lieu du Bocage", "Formations du Calvados"}
    assert all(archive.read(name).startswith(b"%PDF") for name in names)
    event = AuditEvent.objects.get(action="committee.pieces_downloaded")
    assert event.actor == instructor and event.data["count"] == expected


def test_the_dossier_pdf_has_the_frozen_dossier_scores_and_opinions(client, decidable, instructor):
    application = decidable["application"]
    invitation = ExpertInvitation.objects.create(
        application=application, email="e@exemple.fr", deadline="2030-01-01", status="accepted", user=instructor
    )
    experts.answer(invitation, instructor, "favourable", "Un projet exemplaire pour le Bocage.", {})
    html = dossier_html(application)
    assert "Animatrice" in html and "Formations du Calvados" in html
    assert "Un projet exemplaire pour le Bocage." in html
    response = client.get(reverse("committee:dossier_pdf", args=[application.number]))
    assert response.status_code == 302  # not logged in
    client.force_login(instructor)
    response = client.get(reverse("committee:dossier_pdf", args=[application.number]))
    assert response.content.startswith(b"%PDF")
