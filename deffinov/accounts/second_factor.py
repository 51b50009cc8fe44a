"""Second factor (TOTP with recovery codes, by allauth.mfa): who must have one, and resetting a lost one."""

from allauth.mfa.models import Authenticator
from django.db import transaction

from deffinov.accounts.roles import has_region_role
from deffinov.audit.models import record


def requires_second_factor(user):
    """Every Region agent and every admin (may open /admin/, or platform administrator)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_staff or user.is_superuser or has_region_role(user))
    )


def has_active_totp(user):
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def reset_second_factor(user, *, by):
    """Forgets the user's authenticators (lost device): they set a new one up at their next staff page."""
    with transaction.atomic():
        deleted, _ = Authenticator.objects.filter(user=user).delete()
        record(
            "accounts.second_factor_reset",
            actor=by,
            target=user,
            summary=f"Authentification à deux facteurs du compte {user.email} réinitialisée",
            data={"user": user.pk, "email": user.email, "authenticators": deleted},
        )
    return deleted
