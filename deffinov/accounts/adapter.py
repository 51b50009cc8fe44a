from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

# The links allauth builds from the request's host; an email always points to the public site instead.
LINKS = ("activate_url", "password_reset_url", "signup_url")


def on_site(url):
    """The same page on SITE_URL, whatever host the request came through."""
    parts = urlsplit(url)
    return settings.SITE_URL + parts.path + (f"?{parts.query}" if parts.query else "")


class AccountAdapter(DefaultAccountAdapter):
    """allauth, in the platform's words: the lockout says how long it lasts; its emails link to SITE_URL."""

    def send_mail(self, template_prefix, email, context):
        context = {**context, **{name: on_site(context[name]) for name in LINKS if context.get(name)}}
        super().send_mail(template_prefix, email, context)

    @property
    def error_messages(self):
        messages = dict(super().error_messages)
        messages["too_many_login_attempts"] = (
            "Trop de tentatives de connexion échouées : la connexion est bloquée pendant "
            f"{settings.LOGIN_FAILURES_WINDOW} minutes, même avec le bon mot de passe. "
            "Réessayez plus tard ou réinitialisez votre mot de passe."
        )
        return messages
