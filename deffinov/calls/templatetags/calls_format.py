"""The one formatter's filters for templates: « 50 000 € », « 30 % », « 1er mars 2024 », « 23 h 59 »."""

from django import template

from deffinov import formatting

register = template.Library()

register.filter("euros", formatting.euros)
register.filter("percent", formatting.percent)
register.filter("date_fr", formatting.day)
register.filter("time_fr", formatting.time)
