"""Communes for autocompletion and lookup: public reference data, no authentication."""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from ninja import Query, Router, Schema, Status

from deffinov.territories.models import Commune

router = Router(tags=["Communes"])
CACHE_SECONDS = 3600  # Communes change once a year; an hour of browser cache spares the autocomplete requests.


class DepartmentOut(Schema):
    code: str
    name: str


class CommuneOut(Schema):
    code: str
    name: str
    postcodes: list[str]
    departement: DepartmentOut
    latitude: float | None
    longitude: float | None

    @staticmethod
    def resolve_postcodes(commune):
        return commune.postcode_list

    @staticmethod
    def resolve_departement(commune):
        return commune.department

    @staticmethod
    def resolve_latitude(commune):
        return None if commune.latitude is None else float(commune.latitude)

    @staticmethod
    def resolve_longitude(commune):
        return None if commune.longitude is None else float(commune.longitude)


class NotFound(Schema):
    detail: str


# Public: French communes are open reference data.
@router.get(
    "",
    response=list[CommuneOut],
    url_name="communes",
    summary="Chercher une commune par le début de son nom ou de son code postal",
)
def search_communes(
    request,
    response: HttpResponse,
    q: str = Query(
        ...,
        min_length=2,
        max_length=50,
        pattern=r"^[^\x00-\x1f]*$",  # no control character: PostgreSQL refuses NUL in a text
        description="Début du nom (accents, tirets et majuscules indifférents) ou du code postal.",
    ),
    limit: int = Query(10, ge=1, le=50, description="Nombre maximal de communes renvoyées."),
    code_postal: str = Query(
        "",
        max_length=5,
        pattern=r"^\d*$",
        description="Code postal (ou son début) saisi à côté de la commune : seules les communes qui l'ont.",
    ),
):
    """Les communes des départements des appels à projets d'abord, puis celle qui porte exactement ce nom,
    puis les plus peuplées."""
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return list(Commune.objects.autocomplete(q, limit, postcode=code_postal))


# Public: French communes are open reference data.
@router.get(
    "/{code}",
    response={200: CommuneOut, 404: NotFound},
    url_name="commune",
    summary="Une commune par son code INSEE",
)
def get_commune(request, code: str):
    commune = Commune.objects.select_related("department").filter(pk=code.upper()).first()
    if commune is None:
        return Status(404, {"detail": "Commune introuvable : aucun code INSEE ne correspond."})
    return commune
