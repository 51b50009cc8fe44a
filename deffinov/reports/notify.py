"""Who is told what about a report: the lead's administrators, and the instructors following the dossier."""

from django.contrib.auth import get_user_model

from deffinov.accounts.roles import GROUP_NAMES, Role
from deffinov.emails.send import send_templated_email
from deffinov.instruction.models import Assignment
from deffinov.organisations.models import Membership


def lead_admins(project):
    """The email addresses of the lead structure's administrators."""
    lead = project.application.participations.filter(is_lead=True, status="accepted").first()
    if lead is None:
        return []
    emails = Membership.objects.filter(
        organisation_id=lead.organisation_id, role=Membership.Role.ADMIN, user__is_active=True
    ).values_list("user__email", flat=True)
    return sorted(set(emails))


def instructors(project):
    """The instructors assigned to the dossier; every instructor when nobody is."""
    assigned = Assignment.objects.filter(application_id=project.application_id, instructor__is_active=True)
    emails = set(assigned.values_list("instructor__email", flat=True))
    if not emails:
        emails = set(
            get_user_model()
            .objects.filter(groups__name=GROUP_NAMES[Role.INSTRUCTOR], is_active=True)
            .values_list("email", flat=True)
        )
    return sorted(emails)


def _send(emails, template, context):
    for email in emails:
        send_templated_email([email], f"reports/emails/{template}", context)
    return len(emails)


def submitted(report):
    return _send(instructors(report.project), "submitted", {"report": report, "project": report.project})


def correction_requested(report, motivation):
    context = {"report": report, "project": report.project, "motivation": motivation}
    return _send(lead_admins(report.project), "correction_requested", context)


def accepted(report):
    return _send(lead_admins(report.project), "accepted", {"report": report, "project": report.project})


def reminder(report, kind, days):
    context = {"report": report, "project": report.project, "kind": kind, "days": days}
    return _send(lead_admins(report.project), "reminder", context)
