from django import template

from deffinov.calls import formatting

register = template.Library()

register.filter("euros", formatting.format_euros)
register.filter("percent", formatting.format_percent)
register.filter("date_fr", formatting.format_date)
register.filter("time_fr", formatting.format_time)
