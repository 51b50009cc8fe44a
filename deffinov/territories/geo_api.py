"""A small client of the official geo API (API Découpage administratif, geo.api.gouv.fr)."""

import httpx
from django.conf import settings

from deffinov.territories.sync import CommuneRecord, coordinate

COMMUNE_FIELDS = "code,nom,codeDepartement,codeRegion,codesPostaux,population,centre,codeEpci"


class GeoAPIError(Exception):
    """The API did not answer, or answered something unusable."""


class GeoAPIClient:
    def __init__(self, base_url=None, *, transport=None, timeout=30.0):
        self.base_url = (base_url or settings.GEO_API_URL).rstrip("/")
        self.client = httpx.Client(
            base_url=self.base_url,
            transport=transport,
            timeout=timeout,
            headers={"Accept": "application/json", "User-Agent": "Deffinov"},
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.client.close()

    def get_list(self, path, params):
        url = f"{self.base_url}{path}"
        try:
            response = self.client.get(path, params=params)
        except httpx.TimeoutException as error:
            raise GeoAPIError(f"{url} n'a pas répondu à temps ({type(error).__name__}).") from error
        except httpx.HTTPError as error:
            raise GeoAPIError(f"{url} est injoignable ({error}).") from error
        if response.status_code != 200:
            raise GeoAPIError(f"{url} a répondu {response.status_code} {response.reason_phrase}.")
        try:
            payload = response.json()
        except ValueError as error:
            raise GeoAPIError(f"{url} a renvoyé une réponse qui n'est pas du JSON.") from error
        if not isinstance(payload, list):
            raise GeoAPIError(f"{url} a renvoyé un objet JSON là où une liste était attendue.")
        return payload

    def epcis(self):
        """{SIREN: name} of every EPCI."""
        items = self.get_list("/epcis", {"fields": "code,nom", "format": "json"})
        return {item["code"]: item["nom"] for item in items if isinstance(item, dict) and item.get("code")}

    def communes(self):
        """Every current commune, as CommuneRecord; entries lacking a code, a name or a département are skipped."""
        items = self.get_list("/communes", {"fields": COMMUNE_FIELDS, "format": "json", "geometry": "centre"})
        records = []
        for item in items:
            record = self.commune_record(item)
            if record:
                records.append(record)
        return records

    @staticmethod
    def commune_record(item):
        if not isinstance(item, dict) or not (item.get("code") and item.get("nom") and item.get("codeDepartement")):
            return None
        coordinates = (item.get("centre") or {}).get("coordinates") or [None, None]
        try:
            longitude, latitude = coordinate(coordinates[0]), coordinate(coordinates[1])
            population = int(item.get("population") or 0)
        except (ValueError, TypeError, ArithmeticError, IndexError):
            return None
        return CommuneRecord(
            code=str(item["code"]),
            name=str(item["nom"]),
            department_code=str(item["codeDepartement"]),
            epci_siren=str(item.get("codeEpci") or ""),
            postcodes=tuple(sorted(str(code) for code in item.get("codesPostaux") or ())),
            population=population,
            latitude=latitude,
            longitude=longitude,
        )
