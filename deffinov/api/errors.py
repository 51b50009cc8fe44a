"""Pydantic's validation errors, told in French."""

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
