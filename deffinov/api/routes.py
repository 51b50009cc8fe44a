"""The public REST API, at /api/v1/, described by OpenAPI at /api/v1/openapi.json."""

import functools

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from ninja import Body, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import Field

from deffinov.api.auth import UNAUTHENTICATED
from deffinov.api.errors import french_validation_errors, server_error_response

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "Message en français."}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                    "type": {"type": "string"},
                    "msg": {"type": "string", "description": "Message en français."},
                },
                "required": ["loc", "type", "msg"],
            },
        },
        "message": {"type": "string"},
    },
    "required": ["detail", "message"],
}
# Answers any operation may give, documented once for all of them.
COMMON_RESPONSES = {
    "422": ("Requête mal formée : chaque erreur indique le champ (`loc`) et un message en français.", VALIDATION_ERROR),
    "413": ("Corps de la requête trop volumineux (plus de 5 Mo).", DETAIL),
    "500": ("Erreur du serveur, en JSON.", DETAIL),
}


def json_method_not_allowed(view):
    """The framework answers a wrong method with an HTML 405: the same status, its Allow header, a JSON body."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            response = JsonResponse({"detail": "Méthode non autorisée pour cette adresse."}, status=405)
            response["Allow"] = allowed
        return response

    return wrapped


class DocumentedAPI(NinjaAPI):
    """The OpenAPI document lists every status an operation may answer, with the body it then has;
    every answer is JSON."""

    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            pattern.callback = json_method_not_allowed(pattern.callback)
        return patterns

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, (description, body) in COMMON_RESPONSES.items():
                    if status == "422" and not (operation.get("parameters") or operation.get("requestBody")):
                        continue
                    if status == "413" and not operation.get("requestBody"):
                        continue
                    responses.setdefault(
                        status, {"description": description, "content": {"application/json": {"schema": body}}}
                    )
        return schema


api = DocumentedAPI(
    title="API Deffinov",
    version="1.0.0",
    description="Appels à projets « Normandie Connectée – Nouveaux espaces de compétences – Deffinov ».",
    urls_namespace="api",
    docs_url=None,  # The interactive docs load assets from a CDN: the OpenAPI document is enough.
)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    return api.create_response(
        request, {"detail": french_validation_errors(exc.errors), "message": "Requête invalide."}, status=422
    )


@api.post("/ping", summary="Répond sans rien lire ni écrire (sonde et point de comparaison des mesures)")
def ping(request, payload: dict = Body(default=None)):  # noqa: B008 - ninja's way to declare a body
    return {"pong": True}


@api.exception_handler(Exception)
def unexpected_error(request, exc):
    """Anything else under /api/ answers JSON in French, never an HTML page (and is logged as Django does)."""
    return server_error_response(request, exc)


class EndpointOut(Schema):
    method: str = Field(description="Méthode HTTP.")
    path: str = Field(description="Chemin, à partir de la racine du site.")
    summary: str = Field(description="Ce que fait le point d'accès.")


class IndexOut(Schema):
    title: str
    version: str
    openapi: str = Field(description="Adresse du document OpenAPI qui décrit chaque point d'accès.")
    endpoints: list[EndpointOut]


ENDPOINTS = (
    ("GET", "calls", "Appels à projets publiés, leurs règles, critères tiers-lieu et vagues"),
    ("GET", "calls/{slug}", "Un appel à projets"),
    ("GET", "communes", "Recherche de communes normandes"),
    ("GET", "communes/{code}", "Une commune"),
    ("POST", "eligibility", "Vérifier l'éligibilité d'un collectif"),
    ("GET", "grants", "Projets financés, leurs membres et leur échéancier"),
    ("GET", "waves/{slug}/applications", "Dossiers d'une vague, états, notes et décisions (jeton, portée read)"),
    ("GET", "payments", "Tranches des projets financés (jeton, portée read)"),
    ("POST", "payments/{tranche_id}/paid", "Enregistrer le paiement d'une tranche validée (jeton, portée payments)"),
    ("GET", "open-data/scdl-subventions.csv", "Subventions attribuées (SCDL « subventions » 2.1.1, CSV)"),
    ("GET", "open-data/dispositif-aide.csv", "Appels à projets (schéma « dispositif d'aide », CSV)"),
    ("GET", "places", "Lieux publiés autour d'une commune : types, services, équipements, ouverts maintenant"),
    ("GET", "places.geojson", "Les mêmes lieux en GeoJSON"),
    ("GET", "places/{place_id}/slots", "Créneaux réservables d'un lieu entre deux dates (62 jours au plus)"),
    ("POST", "bookings", "Réserver une place sur un créneau (session et en-tête CSRF, ou jeton)"),
    ("DELETE", "bookings/{booking_id}", "Annuler sa réservation dans le délai d'annulation"),
    ("GET", "open-data/lieux-mediation-numerique.csv", "Lieux publiés (« lieux de médiation numérique » 1.0.2, CSV)"),
    ("GET", "open-data/lieux-mediation-numerique.json", "Lieux publiés (« lieux de médiation numérique » 1.0.2, JSON)"),
    ("POST", "ping", "Sonde : répond sans rien lire ni écrire"),
)


@api.get("/", response=IndexOut, summary="Sommaire de l'API : ses points d'accès et son document OpenAPI")
def index(request):
    root = reverse("api:api-root")
    return {
        "title": api.title,
        "version": api.version,
        "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
        "endpoints": [
            {"method": method, "path": f"{root}{path}", "summary": summary} for method, path, summary in ENDPOINTS
        ],
    }


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = api.create_response(request, {"detail": UNAUTHENTICATED}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request, exc):
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        # A body that is not JSON gets the same French 422 as any other malformed request.
        return validation_error(request, ValidationError([{"type": "json_invalid", "loc": ["body"]}]))
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def api_not_found(request, *args, **kwargs):
    if request.path_info == "/api/v1":
        return redirect("api:api-root")
    return JsonResponse({"detail": "Ressource introuvable."}, status=404)


api.add_router("/calls", "deffinov.calls.api.router")
api.add_router("/communes", "deffinov.territories.api.router")
api.add_router("/eligibility", "deffinov.eligibility.api.router")
api.add_router("/open-data", "deffinov.opendata.api.router")
api.add_router("/grants", "deffinov.api.grants.router")
api.add_router("", "deffinov.api.staff.router")
api.add_router("", "deffinov.network.api.router")
api.add_router("", "deffinov.bookings.api.router")
