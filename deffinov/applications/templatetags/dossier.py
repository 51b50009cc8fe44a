from django import template
from django.utils.html import format_html_join

from deffinov import formatting

register = template.Library()


# Figures written by the one formatter; a snapshot stores them as strings, which it reads too.
register.filter("euros", formatting.euros)
register.filter("share", formatting.share)
register.filter("paris_seconds", formatting.datetime_seconds)
register.filter("paris_time", formatting.time)
register.filter("iso_date", formatting.day)
register.filter("file_size", formatting.file_size)


@register.filter
def percent(value):
    """A computed rate (the cofinancing), as the engine writes it: rounded down to 0,1 %, never across a floor."""
    return formatting.percent(value) or "–"


@register.simple_tag
def data_attrs(**attrs):
    return format_html_join(" ", '{}="{}"', attrs.items())
