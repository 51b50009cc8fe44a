"""The lead's administrators learn when a tranche becomes requestable, is validated, paid, or its payment failed.

Emails are stored with the transaction and sent by the background worker."""

from django.urls import reverse

from deffinov.emails.send import send_templated_email
from deffinov.organisations.models import Membership


def lead_admins(project):
    lead = project.application.participations.filter(is_lead=True, status="accepted").first()
    if lead is None:
        return []
    return [
        membership.user
        for membership in Membership.objects.filter(
            organisation_id=lead.organisation_id, role=Membership.Role.ADMIN, user__is_active=True
        ).select_related("user")
    ]


def tell_lead(tranche, template, **context):
    project = tranche.project
    url = reverse("payments:tranche", args=[project.number, tranche.position])
    for user in lead_admins(project):
        send_templated_email(
            [user.email],
            f"payments/emails/{template}",
            {"user": user, "project": project, "tranche": tranche, "url": url, **context},
        )


def requestable(tranche, motivation=""):
    tell_lead(tranche, "requestable", motivation=motivation)


def validated(tranche, request):
    tell_lead(tranche, "validated", request=request)


def paid(tranche):
    tell_lead(tranche, "paid", request=tranche.requests.filter(status="approved").last())


def failed(tranche, reason):
    tell_lead(tranche, "failed", reason=reason)
