from django import template

from deffinov import formatting

register = template.Library()
register.filter("day", formatting.day)
register.filter("euros", formatting.euros)
register.filter("paris_datetime", formatting.datetime)
