"""Personal access tokens of the API: a Region agent's key for the Region's own systems.

The secret is shown once, when the token is created; only its SHA-256 digest is kept, with a short prefix by which
its owner recognises it in the list. A token acts for its user: the user's roles still apply to every request."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Scope(models.TextChoices):
    READ = "read", "Lecture (dossiers, décisions et versements)"
    PAYMENTS = "payments", "Versements (enregistrer un paiement)"


def digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


class AccessTokenQuerySet(models.QuerySet):
    def usable(self, at=None):
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=at, user__is_active=True)


class AccessToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens", verbose_name="titulaire"
    )
    name = models.CharField("nom", max_length=100, help_text="Pour le reconnaître : le système qui s'en sert.")
    prefix = models.CharField("début du jeton", max_length=12, editable=False)
    secret_digest = models.CharField("empreinte SHA-256", max_length=64, unique=True, editable=False)
    scopes = models.JSONField("portées", default=list)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)
    expires_at = models.DateTimeField("expire le")
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "jeton d'accès personnel"
        verbose_name_plural = "jetons d'accès personnels"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="access_token_expiry"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, at=None):
        at = at or timezone.now()
        return self.revoked_at is None and self.expires_at > at

    def has_scope(self, scope):
        return scope in self.scopes

    def get_scopes_display(self):
        return [Scope(scope).label for scope in self.scopes if scope in Scope.values]
