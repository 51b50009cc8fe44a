"""Deployment checks of the accounts: login counters and used TOTP codes must be shared by every worker."""

from django.conf import settings
from django.core.checks import Error, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(deploy=True)
def check_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Error(
                "Le cache par défaut n'est pas partagé entre les processus : le blocage après des échecs de "
                "connexion et les codes d'authentification à deux facteurs déjà utilisés ne tiendraient pas.",
                hint="Utilisez django.core.cache.backends.db.DatabaseCache (manage.py createcachetable).",
                id="deffinov.accounts.E001",
            )
        ]
    return []
