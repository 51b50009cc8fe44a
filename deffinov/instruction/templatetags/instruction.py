from django import template

from deffinov.applications.models import State

register = template.Library()


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
