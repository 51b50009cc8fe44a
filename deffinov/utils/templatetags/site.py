import rules
from django import template
from django.conf import settings

from deffinov import formatting
from deffinov.utils import text

register = template.Library()


@register.simple_tag
def contact_email():
    """The platform's contact address, from settings alone: usable on the 500 page, which has no context."""
    return settings.CONTACT_EMAIL


@register.filter
def moment(value):
    """« 11 mars 2024 à 23 h 59 », in Paris: the one way pages, emails and PDFs write a moment."""
    return formatting.datetime(value)


@register.filter(name="of")
def of_filter(name):
    """{{ name|of }}: « d'Évreux », « de Caen », « du Tiers-Lieu… »."""
    return text.of(name)


@register.filter
def day(value):
    """« 1er mars 2024 », « 11 mars 2024 »: the day of a date, or of a moment in Paris."""
    return formatting.day(value)


@register.simple_tag
def may(user, permission):
    """{% may user "instruction.instruct" as allowed %}: a permission of the platform's rules (the Region roles),
    without Django's per-model permissions, so that the navigation costs one query per request at most."""
    return rules.has_perm(permission, user)
