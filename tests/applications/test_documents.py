import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deffinov.applications import workflow
from deffinov.applications.documents import sanitise_filename
from deffinov.applications.models import Document
from deffinov.audit.models import AuditEvent
from tests.accounts.factories import UserFactory
from tests.applications.factories import add_document, draft, pdf_bytes, person


def consume(response):
    """Read a (streamed) response to its end, which closes it the way a server does."""
    if response.streaming:
        b"".join(response.streaming_content)


def upload(client, application, participation, name, content, kind="statuts"):
    url = reverse("applications:upload", args=[application.number, participation.pk])
    prefix = f"doc{participation.pk}"
    return client.post(url, {f"{prefix}-kind": kind, f"{prefix}-file": SimpleUploadedFile(name, content)})


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def lead_setup(db, client):
    application, lead, admin = draft()
    client.force_login(admin)
    return application, lead, client


def test_a_pdf_is_accepted_with_its_hash_and_a_safe_name(lead_setup):
    application, lead, client = lead_setup
    response = upload(client, application, lead, "../Statuts signés 2024.PDF", pdf_bytes())
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.original_name == "Statuts-signes-2024.pdf"
    assert document.content_type == "application/pdf"
    assert len(document.sha256) == 64
    assert document.file.name.startswith("dossiers/") and "Statuts" not in document.file.name


def test_a_docx_is_accepted(lead_setup):
    application, lead, client = lead_setup
    assert upload(client, application, lead, "lettre.docx", docx_bytes(), kind="engagement").status_code == 302
    assert Document.objects.get().content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("statuts.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("statuts.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 100),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(lead_setup, name, content):
    application, lead, client = lead_setup
    response = upload(client, application, lead, name, content)
    assert response.status_code == 422
    assert "n&#x27;est pas d&#x27;un format accepté" in response.content.decode()
    assert not Document.objects.exists()


def test_a_too_big_file_is_refused(lead_setup, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    application, lead, client = lead_setup
    response = upload(client, application, lead, "statuts.pdf", pdf_bytes("x" * 2000))
    assert response.status_code == 422
    assert "le maximum est 1000" in response.content.decode()
    assert not Document.objects.exists()


def test_uploading_again_the_same_kind_replaces_it(lead_setup):
    application, lead, client = lead_setup
    upload(client, application, lead, "v1.pdf", pdf_bytes("v1"))
    upload(client, application, lead, "v2.pdf", pdf_bytes("v2"))
    assert list(Document.objects.values_list("original_name", flat=True)) == ["v2.pdf"]


def test_names_are_sanitised():
    assert sanitise_filename("C:\\Users\\x\\Kbis été.pdf") == "Kbis-ete.pdf"
    assert sanitise_filename(".htaccess") == "htaccess"
    assert len(sanitise_filename("a" * 300 + ".pdf")) <= 120


def test_download_is_an_attachment_for_members_and_staff_only(consortium, client, django_user_model):
    application = consortium["application"]
    document = Document.objects.filter(participation=consortium["lead"]).first()
    url = reverse("applications:document", args=[application.number, document.pk])
    client.force_login(consortium["partner_admin"])
    response = client.get(url)
    consume(response)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not AuditEvent.objects.exists()  # the consortium's own downloads are not audited
    staff = UserFactory(email="instructrice@normandie.fr", instructor=True)
    client.force_login(staff)
    assert client.get(url).status_code == 404  # a draft is its consortium's own
    assert workflow.submit(application, consortium["lead_admin"])
    response = client.get(url)
    consume(response)
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="application.document_downloaded")
    assert (event.action, event.actor, event.data["sha256"]) == (
        "application.document_downloaded",
        staff,
        document.sha256,
    )
    outsider = django_user_model.objects.create_user(email="curieux@exemple.fr", password="x" * 12)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_partner_cannot_upload_for_another_member_but_the_lead_can(consortium, client):
    application = consortium["application"]
    lead, partner = consortium["lead"], consortium["partner"]
    Document.objects.all().delete()
    client.force_login(consortium["partner_admin"])
    upload(client, application, lead, "statuts.pdf", pdf_bytes())
    assert not Document.objects.filter(participation=lead).exists()
    client.force_login(person(lead.organisation, role="member"))
    upload(client, application, partner, "statuts.pdf", pdf_bytes())
    assert Document.objects.filter(participation=partner).exists()
    add_document(lead, "rib")
