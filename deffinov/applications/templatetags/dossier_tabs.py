"""The dossier's tabs (Dossier, Messagerie with its unread count, Historique) and the correction banner."""

from django import template

from deffinov.applications.models import State
from deffinov.applications.rules import is_lead_admin
from deffinov.calls.models import end_of_day_in_paris
from deffinov.instruction.messaging import unread_count

register = template.Library()


@register.inclusion_tag("applications/dossier_tabs/tabs.html")
def dossier_tabs(application, user, current="dossier"):
    has_thread = application.state != State.DRAFT and user.has_perm("instruction.view_messages", application)
    return {
        "application": application,
        "current": current,
        "has_thread": has_thread,
        "unread": unread_count(user, application) if has_thread else 0,
    }


@register.inclusion_tag("applications/dossier_tabs/correction_banner.html", takes_context=True)
def correction_banner(context, application):
    """During a correction: why, by when, who asked, where to edit, and the button to send the dossier back."""
    if application.state != State.CORRECTION_REQUESTED:
        return {"correction": None}
    correction = (
        application.correction_requests.filter(resubmitted_at__isnull=True)
        .select_related("requested_by")
        .order_by("-requested_at", "-pk")
        .first()
    )
    user = context["request"].user
    failing = [
        {**rule, "href": rule["field"] if str(rule["field"] or "").startswith("#") else ""}
        for rule in context.get("rules", ())
        if rule["status"] == "fail"
    ]
    return {
        "application": application,
        "correction": correction,
        "due_at": end_of_day_in_paris(correction.due_on) if correction else None,
        "failing_rules": failing,
        "sections": context.get("sections", ()),
        "can_resubmit": is_lead_admin(user, application),
        "csrf_token": context.get("csrf_token"),
    }
