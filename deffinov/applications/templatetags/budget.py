"""{% budget_notice application as notice %}: what the budget section says once after a removal or its undoing."""

from django import template

from deffinov.applications.budget_undo import SESSION_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def budget_notice(context, application):
    """The notice left for this dossier by the last removal (text, level, and the token of its « Annuler »), taken
    out of the session so that it shows once; None when there is none."""
    request = context.get("request")
    session = getattr(request, "session", None)
    if session is None or SESSION_KEY not in session:
        return None
    notices = session[SESSION_KEY]
    notice = notices.pop(application.number, None)
    if notice is not None:
        session[SESSION_KEY] = notices
    return notice
