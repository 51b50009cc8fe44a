from django import template

from deffinov import formatting
from deffinov.bookings.models import long_day

register = template.Library()
register.filter("paris_datetime", formatting.datetime)
register.filter("day", formatting.day)
register.filter("paris_time", formatting.time)
register.filter("long_day", long_day)
