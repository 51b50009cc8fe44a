"""The public search and GET /api/v1/places: distances from the commune's centre, nearest first, written out;
radius limits; unknown communes and bad radii answered in French; unpublished places never shown."""

import datetime as dt
import re

import pytest
import time_machine

from deffinov.network.hours import PARIS
from deffinov.network.vocabulary import PlaceKind
from deffinov.territories.models import Commune
from tests.network.factories import PlaceFactory
from tests.territories.factories import department

MONDAY_10 = dt.datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
SUNDAY_10 = dt.datetime(2026, 11, 29, 10, 0, tzinfo=PARIS)


@pytest.fixture
def places(communes):
    """A place in each commune (and one unpublished in Vire), each at its commune's centre."""
    made = {}
    for key, commune in communes.items():
        made[key] = PlaceFactory(
            name=f"Lieu de {commune.name}",
            commune=commune,
            postcode=commune.postcode_list[0],
            kinds=[PlaceKind.EPN.value if key == "saint_lo" else PlaceKind.TIERS_LIEU.value],
            with_visio=key == "caen",
        )
    made["hidden"] = PlaceFactory(name="Lieu caché", commune=communes["vire"], unpublished=True)
    return made


def names(payload):
    return [result["name"] for result in payload["results"]]


def test_the_api_sorts_by_distance_from_the_commune_centre(client, places):
    response = client.get("/api/v1/places", {"commune": "14762", "radius_km": 60})
    assert response.status_code == 200
    payload = response.json()
    assert names(payload) == ["Lieu de Vire Normandie", "Lieu de Saint-Lô", "Lieu de Caen"]
    assert payload["count"] == 3
    distances = [result["distance_km"] for result in payload["results"]]
    assert distances[0] == 0
    assert distances[1] == pytest.approx(34.1, abs=0.2)
    assert distances[2] == pytest.approx(53.8, abs=0.2)
    assert payload["results"][1]["commune"] == {"code": "50502", "name": "Saint-Lô"}


def test_the_radius_limits_the_results(client, places):
    assert names(client.get("/api/v1/places", {"commune": "14762", "radius_km": 40}).json()) == [
        "Lieu de Vire Normandie",
        "Lieu de Saint-Lô",
    ]
    assert len(client.get("/api/v1/places", {"commune": "14762", "radius_km": 200}).json()["results"]) == 4


def test_without_a_commune_places_come_by_name_without_distance(client, places):
    payload = client.get("/api/v1/places").json()
    assert names(payload) == sorted(names(payload))
    assert "Lieu caché" not in names(payload)
    assert {result["distance_km"] for result in payload["results"]} == {None}


def test_kinds_services_and_equipment_filter(client, places):
    assert names(client.get("/api/v1/places", {"kinds": "EPN"}).json()) == ["Lieu de Saint-Lô"]
    assert names(client.get("/api/v1/places", {"equipment": ["visio", "ordinateurs"]}).json()) == ["Lieu de Caen"]
    assert names(client.get("/api/v1/places", {"services": "demarches"}).json()) == []


def test_open_now(client, places):
    with time_machine.travel(MONDAY_10, tick=False):
        assert client.get("/api/v1/places", {"open_now": "true"}).json()["count"] == 4
    with time_machine.travel(SUNDAY_10, tick=False):
        assert client.get("/api/v1/places", {"open_now": "true"}).json()["count"] == 0


def test_pagination(client, places):
    first = client.get("/api/v1/places", {"commune": "14762", "radius_km": 200, "page_size": 3}).json()
    second = client.get("/api/v1/places", {"commune": "14762", "radius_km": 200, "page_size": 3, "page": 2}).json()
    assert first["count"] == second["count"] == 4
    assert names(first) + names(second) == [
        "Lieu de Vire Normandie",
        "Lieu de Saint-Lô",
        "Lieu de Caen",
        "Lieu de Alençon",
    ]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"commune": "99999"}, "commune", "Commune inconnue"),
        ({"commune": "vire"}, "commune", "format attendu"),
        ({"commune": "14762", "radius_km": 0}, "radius_km", "supérieure à 0"),
        ({"commune": "14762", "radius_km": 201}, "radius_km", "inférieure ou égale à 200"),
        ({"commune": "14762", "radius_km": "trente"}, "radius_km", "Un nombre est attendu"),
        ({"kinds": "CHATEAU"}, "kinds", "choix possibles"),
    ],
)
def test_bad_parameters_get_a_french_422_naming_them(client, places, params, field, message):
    response = client.get("/api/v1/places", params)
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert errors[0]["loc"][-1] == field or field in errors[0]["loc"]
    assert message in errors[0]["msg"]


def test_a_commune_without_coordinates_gets_a_french_422(client, places, communes):
    Commune.objects.create(code="14999", name="Sans-Centre", department=department("14"))
    response = client.get("/api/v1/places", {"commune": "14999"})
    assert response.status_code == 422
    assert "n'a pas de coordonnées" in response.json()["detail"][0]["msg"]


def test_the_geojson_variant_gives_points_in_longitude_latitude_order(client, places):
    response = client.get("/api/v1/places.geojson", {"commune": "14762", "radius_km": 10})
    assert response["Content-Type"].startswith("application/geo+json")
    feature = response.json()["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-0.8893, 48.8385]}
    assert feature["properties"]["name"] == "Lieu de Vire Normandie"


def test_the_public_search_lists_places_with_their_distance_written_out(client, places):
    with time_machine.travel(MONDAY_10, tick=False):
        response = client.get("/lieux/", {"commune": "14762", "rayon": "60"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 lieux à moins de 60 km de Vire Normandie" in html
    assert html.index("Lieu de Vire Normandie") < html.index("Lieu de Saint-Lô") < html.index("Lieu de Caen")
    assert "à 34\u00a0km" in html and "à 54\u00a0km" in html and "à moins de 1\u00a0km" in html
    assert "Ouvert maintenant, ferme à 12\u00a0h" in html
    assert "Lieu caché" not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"commune": "Atlantide", "rayon": "30"}, "Commune inconnue"),
        ({"commune": "14762", "rayon": "0"}, "supérieur à 0 et d&#x27;au plus 200"),
        ({"commune": "14762", "rayon": "250"}, "supérieur à 0 et d&#x27;au plus 200"),
        ({"commune": "14762", "rayon": "nan"}, "supérieur à 0 et d&#x27;au plus 200"),
    ],
)
def test_the_public_search_says_what_is_wrong_and_keeps_what_was_typed(client, places, params, message):
    response = client.get("/lieux/", {**params, "types": "EPN"})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'value="{params["rayon"]}"' in html
    assert re.search(r'value="EPN"[^>]*checked', html)


def test_the_search_page_without_criteria_lists_published_places(client, places):
    html = client.get("/lieux/").content.decode()
    assert "4 lieux" in html
    assert "Lieu caché" not in html


def test_the_number_of_queries_does_not_grow_with_the_places(client, communes, django_assert_max_num_queries):
    for number in range(3):
        PlaceFactory(name=f"Lieu {number}")
    with django_assert_max_num_queries(5) as few:
        client.get("/lieux/", {"commune": "14762", "rayon": "30"})
    for number in range(3, 15):
        PlaceFactory(name=f"Lieu {number}", commune=communes["caen"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/lieux/", {"commune": "14762", "rayon": "100"}).content.decode()
    assert "15 lieux" in html
