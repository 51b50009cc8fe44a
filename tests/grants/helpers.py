"""Funded projects reached through the real path: a dossier in instruction, a held session, an accepted decision,
the deliberation validating it."""

from decimal import Decimal

from django.utils import timezone

from deffinov.committee.decisions import record_decision
from deffinov.committee.models import AgendaItem
from deffinov.grants import workflow
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


def signed(project, functional_admin, on=None):
    """The Region countersigns the convention (today, Paris)."""
    assert workflow.apply(project, "countersign", functional_admin, convention_date=on or timezone.localdate())
    project.refresh_from_db()
    return project
