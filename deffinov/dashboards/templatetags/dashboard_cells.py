from django import template

from deffinov.formatting import euros, grouped

register = template.Library()


@register.filter
def cell(value, kind):
    """A table cell written the French way: money in euros, counts grouped, text as it is."""
    if value is None:
        return "–"
    if kind == "money":
        return euros(value)
    if kind in {"count", "number"}:
        return grouped(value)
    return value
