import pytest

pytestmark = pytest.mark.usefixtures("territories")


def search(client, **params):
    return client.get("/api/v1/communes", params)


def test_search_by_name_returns_communes_with_their_departement_and_coordinates(client):
    response = search(client, q="vire")

    assert response.status_code == 200
    assert response.json() == [
        {
            "code": "14762",
            "name": "Vire Normandie",
            "postcodes": ["14500"],
            "departement": {"code": "14", "name": "Calvados"},
            "latitude": 48.83805,
            "longitude": -0.88876,
        }
    ]
    assert "max-age=3600" in response["Cache-Control"]


def test_search_ignores_accents_hyphens_and_case_and_puts_the_exact_name_first(client):
    for query in ("saint lo", "Saint-Lô", "SAINT-LO"):
        names = [commune["name"] for commune in search(client, q=query).json()]
        # Saint-Louis is larger, but Saint-Lô is the commune named exactly so.
        assert names == ["Saint-Lô", "Saint-Louis"], query


def test_search_by_postcode_prefix_most_populated_first(client):
    assert [c["name"] for c in search(client, q="14500").json()] == ["Vire Normandie", "Campagnolles"]
    assert [c["name"] for c in search(client, q="5011").json()] == ["Cherbourg-en-Cotentin"]
    assert [c["code"] for c in search(client, q="14").json()] == ["14118", "14762", "14581", "14127"]


def test_commune_without_coordinates_has_null_latitude_and_longitude(client):
    (aurseulles,) = search(client, q="aurseu").json()

    assert aurseulles["postcodes"] == ["14240", "14250"]
    assert aurseulles["latitude"] is None and aurseulles["longitude"] is None


def test_limit_and_constant_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(search(client, q="saint", limit=2).json()) == 2
    with django_assert_num_queries(1):
        assert len(search(client, q="saint", limit=50).json()) == 4


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "q", "Ce champ est obligatoire."),
        ({"q": "v"}, "q", "Cette valeur doit compter au moins 2 caractère(s)."),
        ({"q": "v" * 51}, "q", "Cette valeur doit compter au plus 50 caractère(s)."),
        ({"q": "vire", "limit": 0}, "limit", "Cette valeur doit être supérieure ou égale à 1."),
        ({"q": "vire", "limit": 51}, "limit", "Cette valeur doit être inférieure ou égale à 50."),
        ({"q": "vire", "limit": "dix"}, "limit", "Un nombre entier est attendu."),
        ({"q": "vire", "code_postal": "14 5a"}, "code_postal", "Cette valeur n'a pas le format attendu."),
        ({"q": "vire", "code_postal": "145000"}, "code_postal", "Cette valeur doit compter au plus 5 caractère(s)."),
    ],
)
def test_bad_parameters_get_422_in_french(client, params, field, message):
    response = search(client, **params)

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == [field]
    assert error["msg"] == message


def test_query_without_letters_or_digits_finds_nothing(client):
    assert search(client, q="--").json() == []


def test_get_commune_by_insee_code(client):
    response = client.get("/api/v1/communes/2a004")

    assert response.status_code == 200
    assert response.json()["name"] == "Ajaccio"
    assert response.json()["postcodes"] == ["20000", "20090", "20167"]


def test_unknown_commune_is_a_404_in_json(client):
    response = client.get("/api/v1/communes/99999")

    assert response.status_code == 404
    assert response.json() == {"detail": "Commune introuvable : aucun code INSEE ne correspond."}
