"""Every page of the instruction, for every sort of person: exactly what each should get."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from deffinov.applications.models import Document
from deffinov.instruction.models import Assignment, Message, MessageAttachment

pytestmark = pytest.mark.django_db

STAFF_ONLY = "staff_only"
THREAD = "thread"
LEAD_ADMIN = "lead_admin"


@pytest.fixture
def urls(application, wave, instructor):
    document = Document.objects.get(application=application)
    assignment = Assignment.objects.create(application=application, instructor=instructor)
    message = Message.objects.create(application=application, author=instructor, from_region=True, body="Bonjour")
    attachment = MessageAttachment(
        message=message, original_name="note.pdf", size=4, content_type="application/pdf", sha256="0" * 64
    )
    attachment.file.save("note.pdf", ContentFile(b"%PDF"))
    n = application.number
    return [
        (STAFF_ONLY, "get", reverse("instruction:index")),
        (STAFF_ONLY, "get", reverse("instruction:workspace", args=[wave.slug])),
        (STAFF_ONLY, "get", reverse("instruction:my_dossiers")),
        (STAFF_ONLY, "get", reverse("instruction:dossier", args=[n])),
        (STAFF_ONLY, "get", reverse("instruction:document_preview", args=[n, document.pk])),
        (STAFF_ONLY, "get", reverse("instruction:document_download", args=[n, document.pk])),
        (STAFF_ONLY, "post", reverse("instruction:start_review", args=[n])),
        (STAFF_ONLY, "post", reverse("instruction:request_correction", args=[n])),
        (STAFF_ONLY, "post", reverse("instruction:dismiss", args=[n])),
        (STAFF_ONLY, "post", reverse("instruction:reopen", args=[n])),
        (STAFF_ONLY, "post", reverse("instruction:assign", args=[n])),
        (STAFF_ONLY, "post", reverse("instruction:unassign", args=[n, assignment.pk])),
        (STAFF_ONLY, "post", reverse("instruction:labels", args=[n])),
        (STAFF_ONLY, "post", reverse("instruction:new_label", args=[n])),
        (STAFF_ONLY, "post", reverse("instruction:annotate", args=[n])),
        (THREAD, "get", reverse("instruction:messages", args=[n])),
        (THREAD, "get", reverse("instruction:attachment", args=[n, attachment.pk])),
        (LEAD_ADMIN, "post", reverse("instruction:resubmit", args=[n])),
    ]


def status_of(client, method, url):
    response = getattr(client, method)(url)
    status = response.status_code
    if response.streaming:
        b"".join(response.streaming_content)  # read to the end, which closes the file
    return status, response


def test_anonymous_people_are_sent_to_the_login_page(client, urls):
    for _kind, method, url in urls:
        status, response = status_of(client, method, url)
        assert status == 302, url
        assert response["Location"].startswith(reverse("account_login")), url


@pytest.mark.parametrize("who", ["outsider", "expert"])
def test_outsiders_and_experts_find_nothing(client, urls, request, who):
    client.force_login(request.getfixturevalue(who))
    for _kind, method, url in urls:
        assert status_of(client, method, url)[0] == 404, url


@pytest.mark.parametrize("who", ["lead_admin", "lead_member", "partner_person"])
def test_people_of_the_consortium_reach_only_the_thread(client, urls, request, who):
    """The lead's administrator also sends a corrected dossier back (here refused with a message: not asked)."""
    client.force_login(request.getfixturevalue(who))
    for kind, method, url in urls:
        expected = {THREAD: 200, LEAD_ADMIN: 302 if who == "lead_admin" else 404}.get(kind, 404)
        assert status_of(client, method, url)[0] == expected, url


@pytest.mark.parametrize("who", ["instructor", "platform_admin"])
def test_region_staff_reach_every_page(client, urls, request, who):
    """GET pages answer 200; actions answer with a redirect back or the page with the form's errors."""
    client.force_login(request.getfixturevalue(who))
    for kind, method, url in urls:
        status = status_of(client, method, url)[0]
        if kind == LEAD_ADMIN:
            assert status == 404, url
        elif method == "get":
            assert status == 200, url
        else:
            assert status in {200, 302}, url


def test_the_consortium_never_sees_labels_or_annotations(client, instructor, lead_admin, application):
    client.force_login(instructor)
    client.post(
        reverse("instruction:new_label", args=[application.number]), {"name": "Montage fragile", "colour": "red"}
    )
    client.post(
        reverse("instruction:annotate", args=[application.number]), {"body": "Budget de communication douteux."}
    )
    staff_page = client.get(reverse("instruction:dossier", args=[application.number])).content.decode()
    assert "Montage fragile" in staff_page
    assert "Budget de communication douteux." in staff_page
    client.force_login(lead_admin)
    thread = client.get(reverse("instruction:messages", args=[application.number])).content.decode()
    assert "Montage fragile" not in thread
    assert "Budget de communication douteux." not in thread
