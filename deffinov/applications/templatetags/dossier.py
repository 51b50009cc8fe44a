import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.html import format_html_join

from deffinov import formatting as fr
from deffinov.applications import formatting
from deffinov.calls.formatting import format_date, format_euros, format_percent, in_paris
from deffinov.eligibility import formatting as fmt

register = template.Library()
NBSP = "\xa0"


@register.filter
def euros(value):
    """« 120 000 € » from a number or the string of one (as stored in a snapshot)."""
    if value in (None, ""):
        return ""
    try:
        return format_euros(Decimal(str(value)))
    except InvalidOperation:
        return value


@register.filter
def percent(value):
    """A computed rate (the cofinancing), as the engine writes it: rounded down to 0,1 %, never across a floor."""
    if value in (None, ""):
        return "–"
    try:
        return fmt.percent(Decimal(str(value)))
    except InvalidOperation:
        return "–"


@register.filter
def share(value):
    """A share the consortium typed (« 33,33 % »), shown exactly as stored."""
    if value in (None, ""):
        return "–"
    try:
        return format_percent(Decimal(str(value)))
    except InvalidOperation:
        return "–"


@register.filter
def paris_seconds(value):
    """« 11 mars 2024 à 23 h 58 min 12 s », in Paris time."""
    return formatting.paris_seconds(value)


@register.filter
def paris_time(value):
    """« 14 h 32 »."""
    local = in_paris(value)
    return f"{local.hour}{NBSP}h{NBSP}{local.minute:02d}"


@register.filter
def iso_date(value):
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value) if value else ""


@register.filter
def file_size(value):
    """« 350 ko », « 1,2 Mo »."""
    return fr.file_size(value)


@register.simple_tag
def data_attrs(**attrs):
    return format_html_join(" ", '{}="{}"', attrs.items())
