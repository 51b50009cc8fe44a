"""The convention: made from the call's template, signed by the lead, countersigned by the Region, all versions kept."""

import html
import io
import shutil
import subprocess

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from deffinov.formatting import day
from deffinov.grants import convention, workflow
from deffinov.grants.models import ConventionTemplate, ProjectState
from deffinov.instruction.models import Annotation
from tests.applications.factories import UserFactory
from tests.grants.helpers import funded_project, signed, signed_pdf, upload_signed_copy

pytestmark = pytest.mark.django_db
needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is missing")


def pdf_text(content):
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True).stdout
    return " ".join(text.decode().replace("\u202f", " ").replace("\u00a0", " ").split())


@needs_pdftotext
def test_the_convention_carries_parties_object_amount_budget_schedule_duties_and_de_minimis(client, opened):
    project, data = opened
    client.force_login(data["lead_admin"])
    response = client.get(reverse("grants:convention", args=[project.number]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content))
    lead = project.application.lead.organisation
    assert "Région Normandie" in text and lead.name in text and lead.siret in text  # the parties
    assert f"Convention de subvention n° {project.number}" in text and project.title in text  # the object
    assert "90 000 €" in text  # the amount, in French
    assert "Animatrice" in text and "Ordinateurs" in text and "150 000 €" in text  # the budget annex
    assert "Avance à la signature (50 %)" in text and "45 000 €" in text and "27 000 €" in text  # the schedule
    assert "Formations du Calvados" in text and "40 %" in text  # the members' shares
    assert day(project.interim_report_due) in text and day(project.final_report_due) in text  # reporting duties
    assert "de minimis" in text and "300 000 €" in text
    assert day(project.starts_on) in text and day(project.ends_on) in text


def test_report_dates_derive_from_the_project_dates(project):
    middle = project.starts_on + (project.ends_on - project.starts_on) / 2
    assert project.interim_report_due == middle
    assert (project.final_report_due.year * 12 + project.final_report_due.month) - (
        project.ends_on.year * 12 + project.ends_on.month
    ) == 2


def test_the_lead_is_told_the_convention_awaits_signature_then_the_collectif_that_it_is_countersigned(
    instructor, functional_admin, run_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project, data = funded_project(instructor, functional_admin)
    run_tasks()
    to_sign = [m for m in mail.outbox if "Votre convention est à signer" in m.subject]
    assert [m.to for m in to_sign] == [[data["lead_admin"].email]]  # the lead's administrators only
    assert f"/projets/{project.number}/" in to_sign[0].body
    assert project.convention_documents.filter(version="generated").exists()  # made once, kept

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signed(project, functional_admin)
    run_tasks()
    told = sorted(m.to[0] for m in mail.outbox if "Convention contre-signée" in m.subject)
    assert data["lead_admin"].email in told and data["partner_admin"].email in told
    assert day(timezone.localdate()) in next(m.body for m in mail.outbox if "contre-signée" in m.subject)


def test_the_lead_uploads_the_signed_copy_and_the_region_countersigns_keeping_every_version(
    client, opened, functional_admin
):
    project, data = opened
    client.force_login(data["lead_admin"])
    upload = signed_pdf()
    response = client.post(reverse("grants:upload_signed", args=[project.number]), {"file": upload})
    assert response.status_code == 302
    client.force_login(functional_admin)
    response = client.post(
        reverse("grants:countersign", args=[project.number]),
        {"convention_date": timezone.localdate().isoformat(), "confirm": "on"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.SIGNED and project.convention_date == timezone.localdate()
    assert list(project.convention_documents.values_list("version", flat=True)) == [
        "generated",
        "signed",
        "countersigned",
    ]
    page = client.get(project.get_absolute_url()).text
    assert "Contre-signée par la Région" in page and "Signée par le chef de file" in page


@needs_pdftotext
def test_the_countersigned_convention_says_when_and_by_whom(client, opened, functional_admin):
    project, data = opened
    signed(project, functional_admin)
    client.force_login(data["partner_admin"])
    response = client.get(reverse("grants:convention", args=[project.number]))
    text = pdf_text(b"".join(response.streaming_content))
    assert f"Contre-signée le {day(timezone.localdate())}" in text
    assert "Exemplaire signé déposé le" in text


def test_countersigning_needs_the_signed_copy(client, project, functional_admin):
    client.force_login(functional_admin)
    response = client.post(
        reverse("grants:countersign", args=[project.number]),
        {"convention_date": timezone.localdate().isoformat(), "confirm": "on"},
    )
    assert response.status_code == 422
    assert "n'a pas encore déposé la convention signée" in html.unescape(response.text)
    assert timezone.localdate().isoformat() in response.text  # the date typed is kept
    project.refresh_from_db()
    assert project.state == ProjectState.CONVENTION_TO_SIGN


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("convention.pdf", b"MZ\x90\x00 not a pdf at all" * 10, "n'est pas d'un format accepté"),  # a forged name
        ("convention.pdf", png_bytes(), "au format PDF"),  # an accepted type, but not the convention's
        ("convention.pdf", b"", "vide"),
    ],
    ids=["forged", "image", "empty"],
)
def test_a_forged_or_wrong_upload_is_refused_in_french_and_nothing_is_kept(client, opened, name, content, message):
    project, data = opened
    client.force_login(data["lead_admin"])
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(reverse("grants:upload_signed", args=[project.number]), {"file": upload})
    assert response.status_code == 422
    assert message in html.unescape(response.text)
    assert not project.convention_documents.filter(version="signed").exists()


def test_the_signed_copy_cannot_be_replaced_once_countersigned(project, functional_admin):
    signed(project, functional_admin)
    with pytest.raises(workflow.ProjectError, match="déjà contre-signée"):
        upload_signed_copy(project)


@pytest.fixture
def admin_client(client, functional_admin):
    functional_admin.is_staff = True
    functional_admin.save(update_fields=["is_staff"])
    client.force_login(functional_admin)
    return client


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("{{ dossier.secret }}", "cette balise n'existe pas"),
        ("{{ dossier.titre|upper }}", "les filtres ne sont pas permis"),
        ("{% load static %}", "seules les balises entre doubles accolades"),
        ("{% include 'base.html' %}", "seules les balises entre doubles accolades"),
    ],
)
def test_a_bad_merge_tag_is_refused_in_french_in_the_admin(admin_client, project, tag, message):
    template = convention.template_for(project.call)
    url = reverse("admin:grants_conventiontemplate_change", args=[template.pk])
    response = admin_client.post(url, {"body": f"Objet : {tag}."})
    assert response.status_code == 200
    assert message in html.unescape(response.text)
    template.refresh_from_db()
    assert tag not in template.body


def test_the_admin_lists_the_tags_and_previews_the_template_with_a_project(admin_client, project):
    template = convention.template_for(project.call)
    url = reverse("admin:grants_conventiontemplate_change", args=[template.pk])
    body = "Convention du projet {{ dossier.titre }} pour {{ montant_accorde }} <script>alert(1)</script>"
    response = admin_client.post(url, {"body": body, "_continue": "1"})
    assert response.status_code == 302
    page = admin_client.get(url).text
    assert "{{ chef_de_file.nom }}" in page and "{{ echeancier }}" in page  # the list of tags
    assert f"Convention du projet {project.title} pour 90" in page  # the preview, filled
    assert "<script>alert(1)</script>" not in page.split("Aperçu")[-1]  # typed text is escaped, never run


def test_only_functional_administrators_edit_convention_templates(client, project, instructor):
    instructor.is_staff = True
    instructor.save(update_fields=["is_staff"])
    client.force_login(instructor)
    template = convention.template_for(project.call)
    response = client.get(reverse("admin:grants_conventiontemplate_change", args=[template.pk]))
    assert response.status_code in (302, 403)


def test_every_call_has_a_default_template_and_its_edits_reach_the_next_convention(project):
    template = ConventionTemplate.objects.get(call=project.call)
    assert "{{ echeancier }}" in template.body
    template.body = "Article unique : le projet {{ dossier.titre }} reçoit {{ montant_accorde }}."
    template.save()
    assert f"le projet {project.title} reçoit 90" in convention.convention_html(project)


def test_merge_values_are_escaped(project):
    project.application.title = "<b>Atelier</b> & co"
    rendered = convention.render_body("Projet {{ dossier.titre }}", convention.tag_values(project))
    assert "&lt;b&gt;Atelier&lt;/b&gt; &amp; co" in rendered


def test_instructors_annotations_are_a_merge_tag(project, instructor):
    Annotation.objects.create(application=project.application, author=instructor, body="Vigilance sur le loyer.")
    rendered = convention.render_body("Remarques :\n\n{{ annotations }}", convention.tag_values(project))
    assert "Vigilance sur le loyer." in rendered


def test_an_outsider_never_reaches_the_signed_copy(client, opened):
    project, _ = opened
    document = upload_signed_copy(project)
    client.force_login(UserFactory())
    response = client.get(reverse("grants:convention_version", args=[project.number, document.pk]))
    assert response.status_code == 404


def test_a_template_broken_outside_the_admin_gives_a_french_message_not_a_crash(client, opened):
    project, data = opened
    ConventionTemplate.objects.filter(call=project.call).update(body="Objet : {% debug %}")
    client.force_login(data["lead_admin"])
    response = client.get(reverse("grants:convention", args=[project.number]))
    assert response.status_code == 422
    assert "le modèle de convention de l'appel contient une erreur" in html.unescape(response.text)
