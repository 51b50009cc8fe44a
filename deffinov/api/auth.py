"""`Authorization: Bearer <jeton>`: a personal access token opens the staff endpoints, within its scopes.

The token acts for its user: the request runs as that user, whose roles still decide what it may read or do."""

from django.contrib.auth.models import AnonymousUser
from ninja.errors import HttpError
from ninja.security import HttpBearer

from deffinov.accounts.roles import has_region_role
from deffinov.api import tokens
from deffinov.api.models import Scope

UNAUTHENTICATED = (
    "Authentification requise : envoyez un jeton d'accès personnel valide dans l'en-tête "
    "« Authorization: Bearer <jeton> » (jeton inconnu, expiré ou révoqué)."
)


class TokenAuth(HttpBearer):
    def __init__(self, scope):
        self.scope = Scope(scope)
        super().__init__()

    def authenticate(self, request, token):
        access = tokens.authenticate(token)
        if access is None:
            request.user = AnonymousUser()
            return None
        request.user = access.user
        if not has_region_role(access.user):
            raise HttpError(403, "Ce jeton n'ouvre plus l'API : son titulaire n'est plus agent de la Région.")
        if not access.has_scope(self.scope):
            raise HttpError(403, f"Ce jeton n'a pas la portée nécessaire : « {self.scope.label} ».")
        return access


read = TokenAuth(Scope.READ)
payments = TokenAuth(Scope.PAYMENTS)
