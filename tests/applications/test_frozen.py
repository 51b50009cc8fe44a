"""Nothing is added to a dossier once it is frozen: every write checks the dossier's state under its row lock.

A write that was on its way when the dossier was submitted (the page was loaded before, the form posted after)
is refused with a French message, and nothing of it is stored: no row, no file, no new version.
"""

import os
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F

from deffinov.applications import budget, consortium, documents, sections, workflow
from deffinov.applications.editing import NotEditableError
from deffinov.applications.forms.budget import ExpenseForm
from deffinov.applications.models import (
    Application,
    Document,
    ExpenseLine,
    Participation,
    ResourceLine,
)
from tests.accounts.factories import UserFactory
from tests.applications.factories import eligible_application, pdf_bytes
from tests.organisations.factories import OrganisationFactory


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def upload(name="devis.pdf"):
    return SimpleUploadedFile(name, pdf_bytes("Devis signé"), content_type="application/pdf")


def store_document(application, data):
    file = upload()
    detected = documents.check_upload(file)
    return documents.store(application, data["lead"], "autre", file, detected, data["lead_admin"])


def add_expense(application, data, amount="1 500,50", label="Animatrice"):
    form = ExpenseForm(
        {
            "depense-participation": data["lead"].pk,
            "depense-category": "personnel",
            "depense-label": label,
            "depense-amount": amount,
        },
        application=application,
    )
    assert form.is_valid(), form.errors
    return budget.add_line(application, form, data["lead_admin"])


def save_title(application, data):
    form = sections.build_form(
        application,
        "identite",
        data={
            "identite-version": application.version,
            "identite-fingerprint": "",
            "identite-title": "Un autre titre",
            "identite-summary": "",
        },
    )
    assert form.is_valid(), form.errors
    return sections.save_section(application, "identite", form, data["lead_admin"])


WRITES = {
    "section": save_title,
    "expense": add_expense,
    "expense deleted": lambda application, data: budget.delete_line(
        application, "depense", ExpenseLine.objects.filter(application=application).first().pk, data["lead_admin"]
    ),
    "document": store_document,
    "document deleted": lambda application, data: documents.remove(
        application, Document.objects.filter(application=application).first().pk, data["lead_admin"], lambda p: True
    ),
}
CONSORTIUM_WRITES = {
    "invitation": lambda application, data: consortium.invite_organisation(
        application, OrganisationFactory(), "member", data["lead_admin"]
    ),
    "member removed": lambda application, data: consortium.remove(application, data["partner"]),
    "lead handed over": lambda application, data: consortium.transfer_lead(
        application, data["partner"], data["lead_admin"]
    ),
}


def state_of(application):
    """Everything a write could have changed, as stored."""
    application = Application.objects.get(pk=application.pk)
    return {
        "version": application.version,
        "title": application.title,
        "expenses": list(ExpenseLine.objects.filter(application=application).values_list("pk", "amount")),
        "documents": list(Document.objects.filter(application=application).values_list("pk", "sha256")),
        "participations": list(
            Participation.objects.filter(application=application).values_list("pk", "is_lead", "status")
        ),
        "files": stored_files(),
    }


@pytest.mark.parametrize("write", WRITES)
def test_a_write_arriving_after_the_submission_is_refused_and_nothing_is_stored(db, write):
    data = eligible_application()
    loaded = Application.objects.get(pk=data["application"].pk)  # the page, loaded while a draft
    assert workflow.submit(data["application"], data["lead_admin"]) is True
    before = state_of(loaded)
    with pytest.raises(NotEditableError) as error:
        WRITES[write](loaded, data)
    assert error.value.message.startswith("Ce dossier a été déposé le ")
    assert "Votre modification n'a pas été enregistrée." in error.value.message
    assert state_of(loaded) == before


@pytest.mark.parametrize("write", CONSORTIUM_WRITES)
def test_the_consortium_cannot_change_after_the_submission(db, write):
    data = eligible_application()
    loaded = Application.objects.get(pk=data["application"].pk)
    assert workflow.submit(data["application"], data["lead_admin"]) is True
    before = state_of(loaded)
    with pytest.raises(consortium.ConsortiumError) as error:
        CONSORTIUM_WRITES[write](loaded, data)
    assert error.value.message == "Ce dossier a été déposé : son collectif ne peut plus changer."
    assert state_of(loaded) == before


@pytest.mark.parametrize("write", ["section", "expense", "document"])
def test_a_write_before_the_submission_is_frozen_with_it(db, write):
    data = eligible_application()
    WRITES[write](data["application"], data)
    # The budget stays balanced: the members pay for the new expense themselves.
    ResourceLine.objects.filter(application=data["application"], kind="own_funds").update(
        amount=F("amount") + Decimal("1500.50") * (write == "expense")
    )
    assert workflow.submit(data["application"], data["lead_admin"]) is True
    application = Application.objects.get(pk=data["application"].pk)
    names = [d["name"] for m in application.snapshot["members"] for d in m["documents"]]
    labels = [line["amount"] for line in application.snapshot["budget"]["expenses"]]
    assert {
        "section": application.snapshot["title"] == "Un autre titre",
        "expense": "1500.50" in labels,
        "document": "devis.pdf" in names,
    }[write]


def test_a_document_posted_to_a_submitted_dossier_is_refused_in_french(db, client):
    data = eligible_application()
    application = data["application"]
    assert workflow.submit(application, data["lead_admin"]) is True
    before = state_of(application)
    client.force_login(data["lead_admin"])
    response = client.post(
        f"/dossiers/{application.number}/documents/{data['lead'].pk}/deposer/",
        {f"doc{data['lead'].pk}-kind": "autre", f"doc{data['lead'].pk}-file": upload()},
        follow=True,
    )
    assert "il ne peut plus être modifié" in response.content.decode()
    assert state_of(application) == before


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("write", ["document", "expense", "section"])
def test_a_write_racing_the_submission_is_either_frozen_with_it_or_refused(write):
    """Two people at once: the chef de file submits while a partner adds a piece. Either the piece is in the
    snapshot (and the receipt), or it was refused and is nowhere; never kept outside both."""
    data = eligible_application()
    application = data["application"]
    barrier = threading.Barrier(2)
    outcome = {}

    # A free expense line, so that whichever comes first, the budget stays balanced and the dossier eligible.
    writes = {**WRITES, "expense": lambda application, data: add_expense(application, data, "0", "Bénévolat")}

    def submit():
        copy = Application.objects.get(pk=application.pk)
        barrier.wait()
        try:
            outcome["submitted"] = workflow.submit(copy, data["lead_admin"])
        except workflow.TransitionError as error:
            outcome["submitted"] = error.message
        finally:
            connection.close()

    def write_to_it():
        copy = Application.objects.get(pk=application.pk)
        barrier.wait()
        try:
            writes[write](copy, data)
            outcome["written"] = True
        except NotEditableError:
            outcome["written"] = False
        finally:
            connection.close()

    threads = [threading.Thread(target=submit), threading.Thread(target=write_to_it)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcome["submitted"] is True
    frozen = Application.objects.get(pk=application.pk).snapshot
    in_snapshot = {
        "document": "devis.pdf" in [d["name"] for m in frozen["members"] for d in m["documents"]],
        "expense": "Bénévolat" in [line["label"] for line in frozen["budget"]["expenses"]],
        "section": frozen["title"] == "Un autre titre",
    }[write]
    stored = {
        "document": Document.objects.filter(application=application, original_name="devis.pdf").exists(),
        "expense": ExpenseLine.objects.filter(application=application, label="Bénévolat").exists(),
        "section": Application.objects.get(pk=application.pk).title == "Un autre titre",
    }[write]
    assert outcome["written"] == stored == in_snapshot


def test_the_admin_cannot_change_a_frozen_dossier_nor_its_state(db, client):
    data = eligible_application()
    application = data["application"]
    assert workflow.submit(application, data["lead_admin"]) is True
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(f"/admin/applications/application/{application.pk}/change/")
    assert page.status_code == 200
    assert 'name="state"' not in page.content.decode()
    assert 'name="title"' not in page.content.decode()
    before = state_of(application)
    line = ExpenseLine.objects.filter(application=application).first()
    response = client.post(
        f"/admin/applications/expenseline/{line.pk}/change/",
        {
            "application": application.pk,
            "participation": line.participation_id,
            "category": "autre",
            "label": "X",
            "amount": "1",
        },
    )
    assert response.status_code == 403
    assert client.post(f"/admin/applications/expenseline/{line.pk}/delete/", {"post": "yes"}).status_code == 403
    assert state_of(application) == before
