from django import template

from deffinov import formatting

register = template.Library()
register.filter("paris_datetime", formatting.datetime)
register.filter("day", formatting.day)
register.filter("paris_time", formatting.time)
