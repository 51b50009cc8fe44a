"""Pydantic's validation errors, told in French; any other error under /api/ as JSON in French."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.signals import got_request_exception
from django.http import JsonResponse
from django.utils.log import log_response

API_PREFIX = "/api/"
ERRORS = {
    400: "Requête invalide.",
    403: "Accès refusé.",
    404: "Ressource introuvable.",
    405: "Méthode non autorisée pour cette adresse.",
    413: "Le corps de la requête est trop volumineux.",
    500: "Erreur interne du serveur : la requête n'a pas abouti. Réessayez plus tard.",
}

MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "string_type": "Une chaîne de caractères est attendue.",
    "string_too_short": "Cette valeur est trop courte.",
    "string_too_long": "Cette valeur est trop longue.",
    "string_pattern_mismatch": "Cette valeur n'a pas le format attendu.",
    "int_parsing": "Un nombre entier est attendu.",
    "int_type": "Un nombre entier est attendu.",
    "float_parsing": "Un nombre est attendu.",
    "float_type": "Un nombre est attendu.",
    "decimal_parsing": "Un nombre est attendu.",
    "decimal_type": "Un nombre est attendu.",
    "bool_parsing": "Un booléen (true ou false) est attendu.",
    "bool_type": "Un booléen (true ou false) est attendu.",
    "date_from_datetime_parsing": "Une date au format AAAA-MM-JJ est attendue.",
    "date_parsing": "Une date au format AAAA-MM-JJ est attendue.",
    "date_type": "Une date au format AAAA-MM-JJ est attendue.",
    "datetime_from_date_parsing": "Une date et heure ISO 8601 est attendue.",
    "datetime_parsing": "Une date et heure ISO 8601 est attendue.",
    "datetime_type": "Une date et heure ISO 8601 est attendue.",
    "timezone_aware": "La date et heure doit préciser son décalage horaire (par exemple +01:00).",
    "list_type": "Une liste est attendue.",
    "dict_type": "Un objet JSON est attendu.",
    "model_attributes_type": "Un objet JSON est attendu.",
    "greater_than_equal": "Cette valeur doit être positive ou nulle.",
    "greater_than": "Cette valeur est trop petite.",
    "less_than_equal": "Cette valeur est trop grande.",
    "less_than": "Cette valeur est trop grande.",
    "literal_error": "Cette valeur ne fait pas partie des choix possibles.",
    "enum": "Cette valeur ne fait pas partie des choix possibles.",
    "json_invalid": "Le corps de la requête n'est pas un JSON valide.",
    "extra_forbidden": "Ce champ n'est pas attendu.",
    "too_short": "Cette liste est trop courte.",
    "too_long": "Cette liste est trop longue.",
    "value_error": "Cette valeur n'est pas valide.",
}


BOUNDS = {
    "greater_than_equal": ("Cette valeur doit être supérieure ou égale à {}.", "ge"),
    "greater_than": ("Cette valeur doit être supérieure à {}.", "gt"),
    "less_than_equal": ("Cette valeur doit être inférieure ou égale à {}.", "le"),
    "less_than": ("Cette valeur doit être inférieure à {}.", "lt"),
    "string_too_short": ("Cette valeur doit compter au moins {} caractère(s).", "min_length"),
    "string_too_long": ("Cette valeur doit compter au plus {} caractère(s).", "max_length"),
}


def french_validation_errors(errors):
    """[{"loc": [...], "type": ..., "msg": ...}] with the message in French."""
    result = []
    for error in errors:
        error_type = error.get("type", "")
        message = MESSAGES.get(error_type, "Cette valeur n'est pas valide.")
        ctx = error.get("ctx") or {}
        if error_type == "value_error" and ctx.get("error"):
            message = str(ctx["error"])
        elif error_type in BOUNDS and BOUNDS[error_type][1] in ctx:
            message = BOUNDS[error_type][0].format(ctx[BOUNDS[error_type][1]])
        loc = [part for part in error.get("loc", []) if part not in ("body", "payload", "query")] or list(
            error.get("loc", [])
        )
        result.append({"loc": loc, "type": error_type, "msg": message})
    return result


def is_api_request(request):
    return request.path_info.startswith(API_PREFIX)


def api_error(request, status):
    """The JSON answer for an error `status` under /api/, else None (the site's French HTML page applies).

    For the site's handler400/403/404/500: `return api_error(request, 500) or <the HTML page>`."""
    if not is_api_request(request):
        return None
    return JsonResponse({"detail": ERRORS.get(status, ERRORS[500])}, status=status)


def status_of(exc):
    if isinstance(exc, RequestDataTooBig):
        return 413
    if isinstance(exc, SuspiciousOperation):
        return 400
    if isinstance(exc, PermissionDenied):
        return 403
    return 500


def server_error_response(request, exc):
    """An exception raised by an API view: logged and signalled as Django does, answered in JSON."""
    status = status_of(exc)
    response = JsonResponse({"detail": ERRORS[status]}, status=status)
    if status == 500:
        # What Django does for an uncaught exception: the test client re-raises it, error reporting sees it.
        got_request_exception.send(sender=None, request=request)
        log_response("%s: %s", "Internal Server Error", request.path, response=response, request=request, exception=exc)
    return response
