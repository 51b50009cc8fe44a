import pytest

pytestmark = pytest.mark.django_db


def test_unknown_routes_get_a_json_404(client):
    for path in ["/api/v1/nope", "/api/v2/calls", "/api/v1/calls/x/y/z"]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Ressource introuvable."} or "introuvable" in response.json()["detail"]


def test_a_body_that_is_not_json_gets_a_french_422(client):
    response = client.post("/api/v1/ping", data="{pas du json", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body"], "type": "json_invalid", "msg": "Le corps de la requête n'est pas un JSON valide."}
    ]


def test_the_openapi_document_describes_the_public_endpoints(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["info"]["title"] == "API Deffinov"
    assert {"/api/v1/calls", "/api/v1/communes", "/api/v1/eligibility"} <= set(document["paths"])
