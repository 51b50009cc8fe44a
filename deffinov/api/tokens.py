"""Creating, recognising and revoking personal access tokens. Each creation and revocation is audited."""

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from deffinov.accounts.roles import has_region_role
from deffinov.api.models import AccessToken, Scope, digest
from deffinov.audit.models import record

SECRET_START = "dfv_"  # noqa: S105 - the tokens' visible start, not a secret
PREFIX_LENGTH = 12  # « dfv_ » and 8 characters of the secret: enough to recognise a token, useless to guess it
LAST_USED_PRECISION = dt.timedelta(minutes=1)  # at most one write a minute per token


class TokenError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def create_token(user, name, scopes, expires_at, at=None):
    """A new token for `user` (a Region agent); returns (token, secret). The secret is never stored nor shown again."""
    at = at or timezone.now()
    if not has_region_role(user):
        raise TokenError("Seuls les agents de la Région peuvent créer un jeton d'accès.")
    if not scopes or any(scope not in Scope.values for scope in scopes):
        raise TokenError("Choisissez au moins une portée.", "scopes")
    if expires_at <= at:
        raise TokenError("La date d'expiration doit être dans le futur.", "expires_on")
    secret = SECRET_START + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = AccessToken.objects.create(
            user=user,
            name=name.strip(),
            prefix=secret[:PREFIX_LENGTH],
            secret_digest=digest(secret),
            scopes=[scope for scope in Scope.values if scope in scopes],
            created_at=at,
            expires_at=expires_at,
        )
        record(
            "api.token.create",
            actor=user,
            target=token,
            summary=f"Jeton d'accès « {token.name} » ({token.prefix}…) créé",
            data={"name": token.name, "prefix": token.prefix, "scopes": token.scopes, "expires_at": expires_at},
        )
    return token, secret


def revoke(token, by, at=None):
    """Revoke the token; True when this call revoked it, False when it already was."""
    at = at or timezone.now()
    with transaction.atomic():
        changed = AccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=at)
        if changed:
            record(
                "api.token.revoke",
                actor=by,
                target=token,
                summary=f"Jeton d'accès « {token.name} » ({token.prefix}…) révoqué",
                data={"name": token.name, "prefix": token.prefix},
            )
    token.refresh_from_db()
    return bool(changed)


def authenticate(secret, at=None):
    """The usable token whose secret this is (not revoked, not expired, its user active), else None."""
    if not secret or not secret.startswith(SECRET_START) or len(secret) > 200:
        return None
    at = at or timezone.now()
    token = AccessToken.objects.usable(at).select_related("user").filter(secret_digest=digest(secret)).first()
    if token is None:
        return None
    if token.last_used_at is None or at - token.last_used_at >= LAST_USED_PRECISION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=at)
        token.last_used_at = at
    return token
