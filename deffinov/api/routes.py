"""The public REST API, at /api/v1/, described by OpenAPI at /api/v1/openapi.json."""

from django.http import JsonResponse
from ninja import Body, NinjaAPI
from ninja.errors import HttpError, ValidationError

from deffinov.api.errors import french_validation_errors

api = NinjaAPI(
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


@api.exception_handler(HttpError)
def http_error(request, exc):
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        # A body that is not JSON gets the same French 422 as any other malformed request.
        return validation_error(request, ValidationError([{"type": "json_invalid", "loc": ["body"]}]))
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def api_not_found(request, *args, **kwargs):
    return JsonResponse({"detail": "Ressource introuvable."}, status=404)


api.add_router("/calls", "deffinov.calls.api.router")
api.add_router("/communes", "deffinov.territories.api.router")
api.add_router("/eligibility", "deffinov.eligibility.api.router")
