"""The places as « lieux de médiation numérique » (standard 1.0.2, schemas/): one row per published place.

The CSV and the JSON carry the same fields, named as the standard names them; lists are joined by « | »."""

import csv
import json
from pathlib import Path

from django.http import StreamingHttpResponse

from deffinov.network.models import Place
from deffinov.network.vocabulary import Service
from deffinov.utils.spreadsheets import neutralise

SCHEMA_PATH = Path(__file__).parent / "schemas" / "lieux-mediation-numerique-1.0.2.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
COLUMNS = [field["name"] for field in SCHEMA["fields"]]
REQUIRED = [field["name"] for field in SCHEMA["fields"] if field.get("constraints", {}).get("required")]
SOURCE = "Région Normandie – Deffinov"
# Checked against the standard's pattern when saved: digits only, nothing a spreadsheet would run.
NOT_NEUTRALISED = {"telephone"}
NUMBERS = {"latitude", "longitude"}


def joined(values):
    return "|".join(str(value) for value in values if value)


def record(place):
    """The place as the standard's fields, in its order; None for an empty optional value."""
    extra = place.extra or {}
    kinds = [*place.kinds, *[kind for kind in extra.get("typologie", "").split("|") if kind]]
    values = {
        "id": place.identifier,
        "pivot": place.organisation.siret,
        "nom": place.name,
        "commune": place.commune.name,
        "code_postal": place.postcode,
        "code_insee": place.commune_id,
        "adresse": place.address,
        "complement_adresse": place.address_complement,
        "latitude": round(place.latitude, 6),
        "longitude": round(place.longitude, 6),
        "typologie": joined(dict.fromkeys(kinds)),
        "telephone": place.phone,
        "courriels": place.emails,
        "site_web": extra.get("site_web") or place.website,
        "horaires": place.opening_hours if place.schedule else "",
        "presentation_resume": place.summary,
        "presentation_detail": place.description,
        "source": place.source or SOURCE,
        "itinerance": extra.get("itinerance", "Fixe"),
        "structure_parente": extra.get("structure_parente", ""),
        "date_maj": place.updated_at.date().isoformat(),
        "services": joined(Service(code).label for code in place.services if code in Service.values),
        "publics_specifiquement_adresses": joined(place.publics),
        "prise_en_charge_specifique": joined(place.specific_support),
        "frais_a_charge": joined(place.fees),
        "dispositif_programmes_nationaux": extra.get("dispositif_programmes_nationaux", ""),
        "formations_labels": extra.get("formations_labels", ""),
        "autres_formations_labels": extra.get("autres_formations_labels", ""),
        "modalites_acces": joined(place.access),
        "modalites_accompagnement": joined(place.support_modes),
        "fiche_acces_libre": place.acceslibre_url,
        "prise_rdv": place.booking_url,
    }
    return {column: (values[column] if values[column] not in ("", None) else None) for column in COLUMNS}


def published_places():
    return Place.objects.visible().select_related("organisation", "commune").order_by("pk").iterator(chunk_size=500)


class Echo:
    def write(self, value):
        return value


def cell(column, value):
    if value is None:
        return ""
    return value if column in NOT_NEUTRALISED else neutralise(value)


def csv_lines():
    writer = csv.writer(Echo(), lineterminator="\r\n")
    yield writer.writerow(COLUMNS)
    for place in published_places():
        values = record(place)
        yield writer.writerow([cell(column, values[column]) for column in COLUMNS])


def csv_response():
    response = StreamingHttpResponse((line.encode() for line in csv_lines()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lieux-mediation-numerique.csv"'
    return response


def json_chunks():
    yield "["
    for number, place in enumerate(published_places()):
        yield ("," if number else "") + json.dumps(record(place), ensure_ascii=False)
    yield "]"


def json_response():
    response = StreamingHttpResponse((chunk.encode() for chunk in json_chunks()), content_type="application/json")
    response["Content-Disposition"] = 'inline; filename="lieux-mediation-numerique.json"'
    return response
