from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def contact_email():
    """The platform's contact address, from settings alone: usable on the 500 page, which has no context."""
    return settings.CONTACT_EMAIL
