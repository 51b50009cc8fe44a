from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """allauth, in the platform's words: the lockout says how long it lasts."""

    @property
    def error_messages(self):
        messages = dict(super().error_messages)
        messages["too_many_login_attempts"] = (
            "Trop de tentatives de connexion échouées : la connexion est bloquée pendant "
            f"{settings.LOGIN_FAILURES_WINDOW} minutes, même avec le bon mot de passe. "
            "Réessayez plus tard ou réinitialisez votre mot de passe."
        )
        return messages
