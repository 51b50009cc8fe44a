"""Budget categories and required documents are data of the call: a functional administrator edits them in the
admin, and the dossiers follow."""

import html
import importlib
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.facts import verdict_for
from deffinov.applications.models import ExpenseLine
from deffinov.calls.models import (
    DEFAULT_BUDGET_CATEGORIES,
    DEFAULT_DOCUMENT_REQUIREMENTS,
    BudgetCategory,
    DocumentRequirement,
)
from tests.accounts.factories import UserFactory
from tests.applications.factories import eligible_application, pdf_bytes
from tests.calls.factories import CallFactory

pytestmark = pytest.mark.django_db


class AdminForm(HTMLParser):
    """The fields of the admin's change form with the values a browser would post."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in {"submit", "file", "button"}:
            if attrs.get("type") != "checkbox" or "checked" in attrs:
                self.data.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.data.append((self.textarea[0], self.textarea[1].lstrip("\n")))
            self.textarea = None


def admin_form(client, call):
    parser = AdminForm()
    parser.feed(client.get(change_url(call)).content.decode())
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    return data


def change_url(call):
    return reverse("admin:calls_call_change", args=[call.pk])


def row_of(data, prefix, code):
    """The index of the inline row of `code`."""
    return next(key.split("-")[1] for key, values in data.items() if key.startswith(f"{prefix}-") and values == [code])


def visible(response):
    text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(text).split())


@pytest.fixture
def consortium(db):
    return eligible_application()


@pytest.fixture
def functional_admin(client):
    def log_in():
        client.force_login(UserFactory(is_staff=True, functional_admin=True))
        return client

    return log_in


def test_a_functional_admin_adds_a_category_and_an_applicant_then_chooses_it(consortium, functional_admin, client):
    application = consortium["application"]
    call = application.wave.call
    admin = functional_admin()
    data = admin_form(admin, call)
    rows = int(data["budget_categories-TOTAL_FORMS"][0])
    data.update(
        {
            "budget_categories-TOTAL_FORMS": [str(rows + 1)],
            f"budget_categories-{rows}-position": ["9"],
            f"budget_categories-{rows}-code": ["ingenierie_pedagogique"],
            f"budget_categories-{rows}-label": ["Ingénierie pédagogique"],
            f"budget_categories-{rows}-help_text": ["Conception des parcours et des ressources."],
            f"budget_categories-{rows}-is_active": ["on"],
        }
    )

    response = admin.post(change_url(call), data)

    assert response.status_code == 302, visible(response)
    assert call.budget_categories.filter(code="ingenierie_pedagogique", is_active=True).exists()
    client.force_login(consortium["lead_admin"])
    page = client.get(application.get_absolute_url()).content.decode()
    assert '<option value="ingenierie_pedagogique">Ingénierie pédagogique</option>' in page
    response = client.post(
        reverse("applications:add_expense", args=[application.number]),
        {
            "depense-participation": consortium["lead"].pk,
            "depense-category": "ingenierie_pedagogique",
            "depense-label": "Parcours hybrides",
            "depense-amount": "5 000",
        },
        follow=True,
    )
    assert "Dépense « Parcours hybrides » ajoutée." in visible(response)
    assert ExpenseLine.objects.get(label="Parcours hybrides").category == "ingenierie_pedagogique"
    assert re.search(
        r"<td>Ingénierie pédagogique</td><td>Le Tiers-Lieu du Bocage</td><td>Parcours hybrides",
        page + (response.content.decode()),
    )


def test_a_used_category_cannot_go_nor_change_code_but_is_deactivated_and_old_lines_stay_readable(
    consortium, functional_admin, client
):
    application = consortium["application"]
    call = application.wave.call
    admin = functional_admin()
    data = admin_form(admin, call)
    row = row_of(data, "budget_categories", "personnel")

    deleted = admin.post(change_url(call), {**data, f"budget_categories-{row}-DELETE": ["on"]})
    assert deleted.status_code == 200
    assert "La catégorie « Personnel » sert à 1 dossier(s) : elle ne peut pas être supprimée." in visible(deleted)
    renamed = admin.post(change_url(call), {**data, f"budget_categories-{row}-code": ["salaires"]})
    assert "Le code « personnel » sert à 1 dossier(s) : il ne peut plus changer." in visible(renamed)
    assert call.budget_categories.filter(code="personnel").exists()

    data.pop(f"budget_categories-{row}-is_active")
    assert admin.post(change_url(call), data).status_code == 302
    assert not call.budget_categories.get(code="personnel").is_active

    client.force_login(consortium["lead_admin"])
    page = client.get(application.get_absolute_url())
    assert "Personnel Le Tiers-Lieu du Bocage Animatrice" in visible(page)
    assert '<option value="personnel">' not in page.content.decode()
    line = application.expenses.get(label="Animatrice")
    edit = client.get(reverse("applications:edit_line", args=[application.number, "depense", line.pk]))
    assert '<option value="personnel" selected>Personnel</option>' in edit.content.decode()


def test_an_unused_category_is_removed(consortium, functional_admin):
    call = consortium["application"].wave.call
    admin = functional_admin()
    data = admin_form(admin, call)
    row = row_of(data, "budget_categories", "deplacements")

    response = admin.post(change_url(call), {**data, f"budget_categories-{row}-DELETE": ["on"]})

    assert response.status_code == 302, visible(response)
    assert not call.budget_categories.filter(code="deplacements").exists()


def test_a_forged_category_is_refused_in_french_and_nothing_is_stored(consortium, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])

    response = client.post(
        reverse("applications:add_expense", args=[application.number]),
        {
            "depense-participation": consortium["lead"].pk,
            "depense-category": "batiment",
            "depense-label": "Extension du bâtiment",
            "depense-amount": "80 000",
        },
    )

    assert response.status_code == 422
    assert "Choisissez une des catégories proposées par l'appel à projets." in visible(response)
    assert 'value="Extension du bâtiment"' in response.content.decode()
    assert not ExpenseLine.objects.filter(label="Extension du bâtiment").exists()


def test_the_categories_flagged_communication_are_those_the_cap_counts(consortium):
    application = consortium["application"]
    ExpenseLine.objects.create(
        application=application,
        participation=consortium["lead"],
        category="prestations",
        label="Campagne d'affichage",
        amount=Decimal(20_000),
    )

    def cap():
        fresh = type(application).objects.select_related("wave__call").get(pk=application.pk)
        verdict = verdict_for(fresh, at=timezone.now(), check_documents=True)
        return next(rule for rule in verdict.rules if rule.code == "budget.communication_cap").status

    assert cap() == "pass"
    BudgetCategory.objects.filter(call=application.wave.call, code="prestations").update(is_communication=True)
    assert cap() == "fail"
    BudgetCategory.objects.filter(call=application.wave.call).update(is_communication=False)
    assert cap() == "pass"


def test_a_document_required_from_tiers_lieux_is_missing_for_the_tiers_lieu_only_and_blocks_submission(
    consortium, client
):
    application, lead, partner = consortium["application"], consortium["lead"], consortium["partner"]
    DocumentRequirement.objects.create(
        call=application.wave.call,
        code="urssaf",
        label="Attestation URSSAF",
        provider="kind",
        organisation_kind="tiers_lieu",
        position=10,
    )
    client.force_login(consortium["lead_admin"])

    page = client.get(application.get_absolute_url()).content.decode()
    lead_part = page.split(f'id="docs-{lead.pk}"')[1].split("</article>")[0]
    partner_part = page.split(f'id="docs-{partner.pk}"')[1].split("</article>")[0]
    assert "Attestation URSSAF : <strong>manquant</strong>" in lead_part
    assert "Attestation URSSAF" not in partner_part
    refused = client.post(reverse("applications:submit", args=[application.number]), {"sworn": "yes"})
    assert refused.status_code == 422
    assert "Attestation URSSAF" in visible(refused)

    prefix = f"doc{lead.pk}"
    uploaded = client.post(
        reverse("applications:upload", args=[application.number, lead.pk]),
        {f"{prefix}-kind": "urssaf", f"{prefix}-file": SimpleUploadedFile("urssaf.pdf", pdf_bytes())},
        follow=True,
    )
    assert "Document « Attestation URSSAF » de Le Tiers-Lieu du Bocage déposé" in visible(uploaded)
    submitted = client.post(reverse("applications:submit", args=[application.number]), {"sworn": "yes"})
    assert submitted.status_code == 302
    application.refresh_from_db()
    assert application.state == "submitted"


def test_an_optional_document_never_blocks_and_a_deactivated_one_is_no_longer_asked(consortium, client):
    application = consortium["application"]
    call = application.wave.call
    DocumentRequirement.objects.create(
        call=call, code="plan", label="Plan des locaux", provider="lead", is_required=False, position=10
    )
    DocumentRequirement.objects.create(
        call=call, code="urssaf", label="Attestation URSSAF", provider="counted", is_active=False, position=11
    )
    client.force_login(consortium["lead_admin"])

    text = visible(client.get(application.get_absolute_url()))

    assert "Plan des locaux : facultatif" in text
    assert "Attestation URSSAF" not in text
    assert client.post(reverse("applications:submit", args=[application.number]), {"sworn": "yes"}).status_code == 302


def test_a_used_requirement_cannot_be_deleted(consortium, functional_admin):
    call = consortium["application"].wave.call
    admin = functional_admin()
    data = admin_form(admin, call)
    row = row_of(data, "document_requirements", "statuts")

    response = admin.post(change_url(call), {**data, f"document_requirements-{row}-DELETE": ["on"]})

    assert response.status_code == 200
    assert "La pièce « Statuts » sert à 1 dossier(s) : elle ne peut pas être supprimée." in visible(response)
    assert call.document_requirements.filter(code="statuts").exists()


def test_a_template_is_checked_like_any_upload_then_offered_beside_its_document(consortium, functional_admin, client):
    application = consortium["application"]
    call = application.wave.call
    admin = functional_admin()
    data = admin_form(admin, call)
    row = row_of(data, "document_requirements", "rib")
    field = f"document_requirements-{row}-template"

    refused = admin.post(change_url(call), {**data, field: SimpleUploadedFile("modele.pdf", b"MZ not a pdf at all")})
    assert refused.status_code == 200
    assert "Ce fichier n'est pas d'un format accepté (PDF, ODT, DOCX, JPEG ou PNG), quel que soit son nom." in (
        visible(refused)
    )
    accepted = admin.post(change_url(call), {**data, field: SimpleUploadedFile("Modèle RIB.pdf", pdf_bytes())})
    assert accepted.status_code == 302, visible(accepted)

    client.force_login(consortium["lead_admin"])
    page = client.get(application.get_absolute_url()).content.decode()
    link = reverse("calls:requirement_template", args=[call.slug, "rib"])
    assert f'<a href="{link}" download>Modèle à compléter : RIB' in page
    client.logout()
    download = client.get(link)
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="modele-rib.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("calls:requirement_template", args=[call.slug, "statuts"])).status_code == 404


def test_a_new_call_starts_with_the_usual_categories_and_documents(db):
    call = CallFactory(form=False)
    assert not call.budget_categories.exists()

    call.add_default_form()

    assert [category.code for category in call.budget_categories.all()] == [
        "personnel",
        "equipement_pedagogique",
        "amenagement_leger",
        "prestations",
        "communication",
        "deplacements",
        "frais_structure",
        "autre",
    ]
    assert list(call.budget_categories.filter(is_communication=True).values_list("code", flat=True)) == [
        "communication"
    ]
    assert list(call.document_requirements.values_list("code", "provider")) == [
        ("statuts", "counted"),
        ("sirene_kbis", "counted"),
        ("engagement", "all"),
        ("de_minimis", "counted"),
        ("rib", "lead"),
        ("qualiopi", "qualiopi"),
    ]


def test_a_requirement_for_an_organisation_kind_names_the_kind(consortium):
    requirement = DocumentRequirement(
        call=consortium["application"].wave.call, code="urssaf", label="x", provider="kind"
    )
    with pytest.raises(Exception) as error:
        requirement.full_clean()
    assert "Choisissez le type de structure dont les membres fournissent cette pièce." in str(error.value)


def test_every_existing_call_gets_exactly_the_categories_and_documents_that_were_code(db):
    migration = importlib.import_module("deffinov.calls.migrations.0005_default_form_of_each_call")
    call = CallFactory(form=False)
    BudgetCategory.objects.create(call=call, code="personnel", label="Salaires", position=1)

    migration.add_default_form(apps, None)
    migration.add_default_form(apps, None)  # Twice: nothing doubled.

    assert [(c.code, c.label, c.is_communication) for c in call.budget_categories.all()] == [
        ("personnel", "Salaires", False),
        *[row for row in DEFAULT_BUDGET_CATEGORIES if row[0] != "personnel"],
    ]
    assert [(r.code, r.label, r.provider, r.is_required) for r in call.document_requirements.all()] == [
        (*row, True) for row in DEFAULT_DOCUMENT_REQUIREMENTS
    ]
