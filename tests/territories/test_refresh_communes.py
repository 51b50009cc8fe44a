from datetime import date
from decimal import Decimal
from io import StringIO

import httpx
import pytest
from django.core.management import CommandError, call_command

from deffinov.organisations.models import Organisation
from deffinov.territories.models import EPCI, Commune

pytestmark = pytest.mark.usefixtures("territories")

GEO_API = "https://geo.example.test"


def commune(code, name, department, postcodes, population, centre=None, epci=None):
    item = {"code": code, "nom": name, "codeDepartement": department, "codeRegion": "28"}
    item |= {"codesPostaux": postcodes, "population": population, "codeEpci": epci}
    if centre:
        item["centre"] = {"type": "Point", "coordinates": centre}
    return item


def current_communes():
    """What the geo API says of the fixture's communes, with a few changes since the files were made."""
    items = [
        commune(c.code, c.name, c.department_id, c.postcode_list, c.population, epci=c.epci_id)
        | ({"centre": {"type": "Point", "coordinates": [float(c.longitude), float(c.latitude)]}} if c.latitude else {})
        for c in Commune.objects.all()
    ]
    for item in items:
        if item["code"] == "14762":  # a new census and a second postcode
            item |= {"population": 18000, "codesPostaux": ["14500", "14510"]}
        if item["code"] == "14581":  # coordinates now known
            item["centre"] = {"type": "Point", "coordinates": [-0.7, 49.1]}
    items.append(commune("14999", "Nouvelle-Commune", "14", ["14999"], 250, [-0.5, 49.0], epci="200099999"))
    items.append(commune("99123", "Hors de nos départements", "99", ["99123"], 5))
    return items


class FakeGeoAPI:
    """The network replaced; the client, its parsing and its error handling run for real."""

    def __init__(self, communes=None, status=200, body=None, error=None):
        self.communes, self.status, self.body, self.error = communes, status, body, error
        self.requests = []

    def __call__(self, request):
        self.requests.append(request)
        if self.error:
            raise self.error
        if self.status != 200 or self.body is not None:
            return httpx.Response(self.status, text=self.body or "")
        if request.url.path == "/communes":
            return httpx.Response(200, json=self.communes if self.communes is not None else current_communes())
        if request.url.path == "/epcis":
            return httpx.Response(200, json=[{"code": "200099999", "nom": "CC Nouvelle"}])
        return httpx.Response(404, json={"message": "Not found"})


@pytest.fixture(autouse=True)
def _geo_api_url(settings):
    settings.GEO_API_URL = GEO_API


def refresh(api, **options):
    out = StringIO()
    call_command("refresh_communes", transport=httpx.MockTransport(api), stdout=out, **options)
    return out.getvalue()


def snapshot():
    return list(Commune.objects.order_by("code").values())


def test_dry_run_reports_and_changes_nothing():
    before = snapshot()
    api = FakeGeoAPI()

    output = refresh(api)

    assert "Communes : 1 à créer, 2 à modifier." in output
    assert "Communes ignorées : département inconnu (99)." in output
    assert "Simulation : rien n'a été enregistré" in output
    assert snapshot() == before
    communes_request = api.requests[0]
    assert communes_request.url.host == "geo.example.test"
    assert communes_request.url.params["fields"] == (
        "code,nom,codeDepartement,codeRegion,codesPostaux,population,centre,codeEpci"
    )
    assert communes_request.url.params["geometry"] == "centre"


def test_wet_run_creates_and_updates_communes():
    output = refresh(FakeGeoAPI(), wet_run=True)

    assert "Communes : 1 création(s), 2 modification(s)." in output
    assert "EPCI : 1 création(s), 0 modification(s)." in output
    vire = Commune.objects.get(code="14762")
    assert (vire.population, vire.postcodes) == (18000, "14500 14510")
    aurseulles = Commune.objects.get(code="14581")
    assert (aurseulles.latitude, aurseulles.longitude) == (Decimal("49.10000"), Decimal("-0.70000"))
    new = Commune.objects.get(code="14999")
    assert (new.name, new.search_name, new.department_id, new.epci.name) == (
        "Nouvelle-Commune",
        "nouvelle commune",
        "14",
        "CC Nouvelle",
    )
    assert not Commune.objects.filter(code="99123").exists()

    assert "Communes à jour : rien à changer." in refresh(FakeGeoAPI(), wet_run=True)


def test_communes_absent_from_the_api_are_deleted_unless_referenced():
    used = Commune.objects.get(code="14118")
    Organisation.objects.create(siret="73282932000074", name="Tiers-lieu", commune=used, created_on=date(2020, 1, 1))
    items = [item for item in current_communes() if item["code"] not in ("14118", "14127")]

    output = refresh(FakeGeoAPI(communes=items), wet_run=True)

    assert "1 suppression(s)" in output
    assert "conservée(s) : 14118" in output
    assert Commune.objects.filter(code="14118").exists()
    assert not Commune.objects.filter(code="14127").exists()


@pytest.mark.parametrize(
    ("api", "message"),
    [
        (
            FakeGeoAPI(status=503, body="maintenance"),
            "https://geo.example.test/communes a répondu 503 Service Unavailable.",
        ),
        (FakeGeoAPI(body="<html>"), "https://geo.example.test/communes a renvoyé une réponse qui n'est pas du JSON."),
        (FakeGeoAPI(body='{"a": 1}'), "a renvoyé un objet JSON là où une liste était attendue."),
        (FakeGeoAPI(error=httpx.ConnectTimeout("timed out")), "/communes n'a pas répondu à temps"),
        (FakeGeoAPI(error=httpx.ConnectError("Name or service not known")), "/communes est injoignable"),
        (FakeGeoAPI(communes=[]), "L'API géographique n'a renvoyé aucune commune"),
    ],
)
def test_api_failure_is_a_clear_error_and_changes_nothing(api, message):
    before, epcis = snapshot(), EPCI.objects.count()

    with pytest.raises(CommandError, match=r"(?i)aucune commune n'a été modifiée") as error:
        refresh(api, wet_run=True)

    assert message in str(error.value)
    assert snapshot() == before
    assert EPCI.objects.count() == epcis
