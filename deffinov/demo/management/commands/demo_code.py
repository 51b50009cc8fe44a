from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from deffinov.accounts.models import User


def current_code(secret):
    """The code an authenticator app shows now for `secret`."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


class Command(BaseCommand):
    help = (
        "Affiche le code d'authentification à deux facteurs du moment d'un compte de démonstration "
        "(développement seulement, jamais en production)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="adresse du compte, par exemple instructeur@demo.deffinov.fr")

    def handle(self, *args, email, **options):
        if settings.PRODUCTION:
            raise CommandError("Commande de démonstration : refusée avec DJANGO_ENV=production.")
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Aucun compte {email}.")
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None:
            raise CommandError(f"Le compte {email} n'a pas d'authentification à deux facteurs.")
        self.stdout.write(current_code(decrypt(totp.data["secret"])))
