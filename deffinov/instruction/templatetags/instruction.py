from django import template

from deffinov.applications.models import State
from deffinov.eligibility.facts import Status
from deffinov.instruction import eligibility

register = template.Library()

RULE_ICONS = {
    Status.PASS: ("✓", "Respectée"),
    Status.WARNING: ("⚠", "Point d'attention"),
    Status.FAIL: ("✗", "Non respectée"),
    Status.NOT_APPLICABLE: ("–", "Sans objet"),
}


@register.filter
def verdict_summary(verdict):
    """{"status", "icon", "text"} of a verdict stored as a dict."""
    return eligibility.summary(verdict)


@register.filter
def rule_icon(rule):
    if not rule:
        return {"status": "none", "icon": "–", "text": "Non évaluée"}
    icon, text = RULE_ICONS.get(rule.get("status"), ("–", "Inconnue"))
    return {"status": rule.get("status"), "icon": icon, "text": text}


@register.filter
def state_label(state):
    return State(state).label if state in State.values else state


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (and the page reset unless given)."""
    params = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
