"""Funded projects reached through the real path: a dossier in instruction, a held session, an accepted decision,
the deliberation validating it."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from weasyprint import HTML

from deffinov.committee.decisions import record_decision
from deffinov.committee.models import AgendaItem
from deffinov.grants import convention, workflow
from deffinov.grants.models import FundedProject
from tests.committee.conftest import held, new_session, validated
from tests.reviews.helpers import in_review


def funded_project(instructor, functional_admin, amount=Decimal(90_000), wave=None):
    """A funded project « convention à signer » for a dossier granted `amount`; returns (project, data)."""
    data = in_review(wave, instructor=instructor)
    session = new_session(data["application"].wave)
    AgendaItem.objects.create(session=session, application=data["application"])
    held(session, instructor)
    record_decision(data["application"], instructor, "accepted", amount=amount, session=session)
    validated(session, functional_admin)
    return FundedProject.objects.get(application=data["application"]), data


def signed_pdf(name="convention-signee.pdf"):
    """A small real PDF, as a scanner makes one."""
    content = HTML(string="<p>Convention signée par le chef de file.</p>").write_pdf()
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def upload_signed_copy(project, lead_admin=None):
    """The lead's administrator uploads the signed convention."""
    lead_admin = lead_admin or next(
        m.user for m in project.application.lead.organisation.memberships.select_related("user") if m.is_admin
    )
    return convention.upload_signed(project, signed_pdf(), lead_admin)


def signed(project, functional_admin, on=None):
    """The lead uploads the signed convention, then the Region countersigns it (today, Paris)."""
    if convention.latest(project, "signed") is None:
        upload_signed_copy(project)
    assert workflow.apply(project, "countersign", functional_admin, convention_date=on or timezone.localdate())
    project.refresh_from_db()
    return project
