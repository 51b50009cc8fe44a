"""GET /api/v1/places (and its GeoJSON variant) and the places' open data, « lieux de médiation numérique »:
public, no authentication; only the published places."""

import math

from django.http import JsonResponse
from ninja import Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import Field

from deffinov.network import geo, opendata, search
from deffinov.network.vocabulary import Equipment, PlaceKind, Service
from deffinov.territories.models import Commune

router = Router(tags=["Lieux"])
COMMUNE_CODE = r"^\d[\dABab]\d{3}$"


class CommuneRef(Schema):
    code: str
    name: str


class PlaceOut(Schema):
    id: int
    name: str
    commune: CommuneRef
    latitude: float
    longitude: float
    distance_km: float | None = Field(description="Distance au centre de la commune cherchée, en km (sinon null).")
    kinds: list[str] = Field(description="Types de lieu (codes `typologie` du standard).")
    services: list[str]
    opening_hours: str = Field(description="Horaires au format OpenStreetMap `opening_hours`.")
    url: str = Field(description="Page publique du lieu.")


class PlacesPage(Schema):
    count: int = Field(description="Nombre de lieux trouvés, toutes pages confondues.")
    page: int
    page_size: int
    results: list[PlaceOut]


class Filters(Schema):
    commune: str | None = Field(
        None, pattern=COMMUNE_CODE, description="Code INSEE de la commune dont le centre est celui de la recherche."
    )
    radius_km: float = Field(
        search.DEFAULT_RADIUS_KM, gt=0, le=geo.MAX_RADIUS_KM, description="Rayon autour de la commune, en km."
    )
    kinds: list[PlaceKind] = Field([], description="Types de lieu (l'un d'eux).")
    services: list[Service] = Field([], description="Services proposés (tous).")
    equipment: list[Equipment] = Field([], description="Équipements pour la formation à distance (tous).")
    open_now: bool = Field(False, description="Seulement les lieux ouverts maintenant (heure de Paris).")
    bookable: bool = Field(False, description="Seulement les lieux où l'on peut réserver une place en ligne.")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(search.PAGE_SIZE, ge=1, le=search.MAX_PAGE_SIZE)


def unprocessable(field, message):
    return ValidationError([{"type": "value_error", "loc": ["query", field], "ctx": {"error": message}}])


def results(filters):
    """(count, the page's places) of the search; a French 422 for an unknown commune or a bad radius."""
    commune = None
    if filters.commune:
        commune = Commune.objects.filter(pk=filters.commune.upper()).first()
        if commune is None:
            raise unprocessable("commune", f"Commune inconnue : aucun code INSEE « {filters.commune} ».")
    if not math.isfinite(filters.radius_km):
        raise unprocessable("radius_km", "Le rayon doit être un nombre de kilomètres.")
    try:
        criteria = search.Criteria(
            commune=commune,
            radius_km=filters.radius_km,
            kinds=tuple(filters.kinds),
            services=tuple(filters.services),
            equipment=tuple(filters.equipment),
            open_now=filters.open_now,
            bookable=filters.bookable,
        )
    except search.SearchError as error:
        raise unprocessable(error.field, error.message) from None
    found = search.find(criteria)
    count = len(found) if isinstance(found, list) else found.count()
    start = (filters.page - 1) * filters.page_size
    return count, list(found[start : start + filters.page_size])


def place_out(place):
    distance = getattr(place, "distance_km", None)
    return {
        "id": place.pk,
        "name": place.name,
        "commune": {"code": place.commune_id, "name": place.commune.name},
        "latitude": place.latitude,
        "longitude": place.longitude,
        "distance_km": None if distance is None else round(distance, 2),
        "kinds": place.kinds,
        "services": place.services,
        "opening_hours": place.opening_hours,
        "url": place.get_absolute_url(),
    }


@router.get(
    "/places",
    response=PlacesPage,
    url_name="places",
    summary="Lieux publiés : autour d'une commune, par types, services, équipements, ouverts maintenant",
)
def places(request, filters: Query[Filters]):
    """Les plus proches d'abord quand une commune est donnée (son centre est celui de la recherche), par nom
    sinon. `kinds`, `services` et `equipment` se répètent : `?services=demarches&services=outils`."""
    count, found = results(filters)
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [place_out(place) for place in found],
    }


GEOJSON = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["type", "features"],
}


@router.get(
    "/places.geojson",
    url_name="places_geojson",
    summary="Les mêmes lieux en GeoJSON, pour d'autres cartes",
    openapi_extra={
        "responses": {
            200: {
                "description": "Une FeatureCollection : un point par lieu.",
                "content": {"application/geo+json": {"schema": GEOJSON}},
            }
        }
    },
)
def places_geojson(request, filters: Query[Filters]):
    """Mêmes filtres et même pagination que `/places` ; les propriétés de chaque point sont celles d'un lieu."""
    count, found = results(filters)
    features = []
    for place in found:
        properties = place_out(place)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
                "properties": properties,
            }
        )
    body = {"type": "FeatureCollection", "features": features, "count": count}
    return JsonResponse(body, content_type="application/geo+json", json_dumps_params={"ensure_ascii": False})


@router.get(
    "/open-data/lieux-mediation-numerique.csv",
    summary="Lieux publiés, au format « lieux de médiation numérique » 1.0.2 (CSV)",
    openapi_extra={
        "responses": {
            200: {
                "description": "Une ligne par lieu publié (CSV, UTF-8).",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def lieux_csv(request):
    """Public: the published places as the national standard's CSV; Licence Ouverte 2.0."""
    return opendata.csv_response()


@router.get(
    "/open-data/lieux-mediation-numerique.json",
    summary="Lieux publiés, au format « lieux de médiation numérique » 1.0.2 (JSON)",
    openapi_extra={
        "responses": {
            200: {
                "description": "Une liste d'objets, un par lieu publié, aux champs du standard.",
                "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}},
            }
        }
    },
)
def lieux_json(request):
    """Public: the published places as the national standard's JSON; Licence Ouverte 2.0."""
    return opendata.json_response()
