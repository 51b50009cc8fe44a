"""Emails of a funded project, stored then sent by the worker: the convention to sign, then countersigned."""

import contextlib

from django.db import transaction
from django_tasks import task

from deffinov.applications.receipts import recipients
from deffinov.emails.send import send_templated_email
from deffinov.grants import convention
from deffinov.grants.models import FundedProject
from deffinov.organisations.models import Membership


def lead_admin_emails(project):
    lead = project.application.lead
    if lead is None:
        return []
    emails = Membership.objects.filter(
        organisation=lead.organisation, role=Membership.Role.ADMIN, user__is_active=True
    ).values_list("user__email", flat=True)
    return sorted(set(emails))


def load(project_id):
    return FundedProject.objects.select_related("application__wave__call", "decision__session").get(pk=project_id)


@task()
def send_convention_to_sign(project_id):
    """The convention is made (stored) and the lead's administrators are told it awaits their signature."""
    project = load(project_id)
    # With a template broken outside the admin, it is made once corrected; the download page says why meanwhile.
    with contextlib.suppress(convention.TemplateError):
        convention.generated(project)
    for email in lead_admin_emails(project):
        send_templated_email([email], "grants/emails/convention_to_sign", {"project": project})
    return True


@task()
def send_countersigned(project_id):
    """Every person of the collectif learns the convention is countersigned: the project may start."""
    project = load(project_id)
    for email in recipients(project.application):
        send_templated_email([email], "grants/emails/countersigned", {"project": project})
    return True


def on_opened(project):
    transaction.on_commit(lambda: send_convention_to_sign.enqueue(project.pk))


def on_countersigned(project, by, at, **given):
    transaction.on_commit(lambda: send_countersigned.enqueue(project.pk))
