"""The verdict's one vocabulary in templates: {% load verdicts %}, then the includes of eligibility/includes/."""

from django import template

from deffinov.eligibility import presentation

register = template.Library()


@register.filter
def verdict_display(verdict):
    """{"status", "icon", "label"} of a whole verdict stored as a dict."""
    return presentation.verdict_display(verdict)


@register.filter
def verdict_rows(verdict):
    """The rule rows of a verdict stored as a dict."""
    return presentation.stored_rows(verdict)


@register.filter
def rule_status(rule):
    """{"status", "icon", "label", "css"} of a rule stored as a dict (None: not evaluated)."""
    return presentation.status_display((rule or {}).get("status"))
