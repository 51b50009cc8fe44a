"""Import of a « lieux de médiation numérique » file (standard 1.0.2), CSV or JSON.

Each row is checked whole, then saved in its own transaction: a refused row changes nothing, and its error names
the row and the column. A place is found by the file's `id`, then by `pivot` (the structure's SIRET) when that
structure has exactly one place of that name; otherwise it is created. Its structure is the one registered with
that SIRET, or a new one nobody administers yet, which its owners can claim. A dry run does it all and rolls back.
"""

import csv
import datetime as dt
import io
import json
import math
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction

from deffinov.network import geo, hours
from deffinov.network.models import PHONE, Place
from deffinov.network.opendata import COLUMNS, REQUIRED, SOURCE
from deffinov.network.vocabulary import ACCESS, FEES, PUBLICS, SPECIFIC_SUPPORT, SUPPORT_MODES, PlaceKind, Service
from deffinov.organisations.kinds import Kind
from deffinov.organisations.models import Organisation
from deffinov.organisations.validators import validate_siret
from deffinov.territories.models import Commune
from deffinov.utils.text import normalize_search

MAX_BYTES = 50 * 1024 * 1024
# Farther than this from its commune's centre, a point is a slip (latitude and longitude swapped, a sign lost).
MAX_KM_FROM_COMMUNE = 60
ORGANISATION_KINDS = {PlaceKind.TIERS_LIEU: Kind.TIERS_LIEU, PlaceKind.EPN: Kind.EPN}
SERVICES_BY_LABEL = {service.label: service.value for service in Service}
# Columns of the standard the platform keeps as read, to give them back in its export.
KEPT_AS_READ = ("itinerance", "structure_parente", "dispositif_programmes_nationaux", "formations_labels")


class FileError(ValueError):
    """The whole file is refused (encoding, format, columns); the message says why, in French."""


class RowError(ValueError):
    pass


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organisations_created: int = 0
    errors: list = field(default_factory=list)  # (row label, message)

    @property
    def refused(self):
        return len(self.errors)


def read_rows(content, name):
    """[(row label, {column: text})] of a CSV or JSON file's bytes; FileError when the file cannot be read."""
    if len(content) > MAX_BYTES:
        raise FileError(f"Le fichier dépasse {MAX_BYTES // (1024 * 1024)} Mo.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(
            f"Le fichier n'est pas encodé en UTF-8 (octet illisible à la position {error.start}) : "
            "enregistrez-le en UTF-8 puis recommencez."
        ) from None
    if name.lower().endswith(".json"):
        return _json_rows(text)
    if name.lower().endswith(".csv"):
        return _csv_rows(text)
    raise FileError("Le fichier doit être un CSV (.csv) ou un JSON (.json) au format « lieux de médiation numérique ».")


def _check_columns(columns):
    unknown = [column for column in columns if column not in COLUMNS]
    missing = [column for column in REQUIRED if column not in columns]
    problems = []
    if missing:
        problems.append("colonnes obligatoires absentes : " + ", ".join(missing))
    if unknown:
        problems.append("colonnes inconnues du standard : " + ", ".join(map(str, unknown)))
    if problems:
        raise FileError(
            "Le fichier ne suit pas le standard « lieux de médiation numérique » 1.0.2 : " + " ; ".join(problems) + "."
        )


def _csv_rows(text):
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    _check_columns([column.strip() for column in reader.fieldnames or []])
    rows = []
    try:
        for row in reader:
            if None in row:
                raise FileError(f"Ligne {reader.line_num} : plus de valeurs que de colonnes.")
            values = {key.strip(): (value or "").strip() for key, value in row.items()}
            rows.append((f"Ligne {reader.line_num}", values))
    except csv.Error as error:
        raise FileError(f"Ligne {reader.line_num} : le CSV est mal formé ({error}).") from None
    return rows


def _json_rows(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileError(f"Le JSON est mal formé (ligne {error.lineno}, colonne {error.colno}).") from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise FileError("Le JSON doit être une liste d'objets, un par lieu, aux champs du standard.")
    columns = list(dict.fromkeys(key for item in data for key in item))
    _check_columns(columns)
    return [
        (
            f"Lieu n° {number}",
            {key: "" if value is None else str(value).strip() for key, value in item.items()},
        )
        for number, item in enumerate(data, start=1)
    ]


def _list(row, column, allowed):
    values = [value.strip() for value in row.get(column, "").split("|") if value.strip()]
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise RowError(f"{column} : valeur inconnue du standard « {unknown[0]} ».")
    return values


def _coordinate(row, column, bound):
    text = row.get(column, "")
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise RowError(f"{column} « {text} » n'est pas un nombre.") from None
    if not math.isfinite(value) or not -bound <= value <= bound:
        raise RowError(f"{column} « {text} » doit être comprise entre -{bound} et {bound}.")
    return value


def _commune(row):
    code, postcode, name = row.get("code_insee", "").upper(), row.get("code_postal", ""), row.get("commune", "")
    if code:
        commune = Commune.objects.filter(pk=code).first()
        if commune is None:
            raise RowError(f"code_insee « {code} » : aucune commune n'a ce code.")
        return commune
    matches = list(Commune.objects.with_postcode(postcode).filter(search_name=normalize_search(name))[:2])
    if len(matches) != 1:
        raise RowError(
            f"commune « {name} » ({postcode}) introuvable : indiquez son code INSEE dans la colonne code_insee."
        )
    return matches[0]


def _url(row, column):
    value = row.get(column, "").split("|")[0].strip()
    if value:
        try:
            URLValidator()(value)
        except ValidationError:
            raise RowError(f"{column} « {value} » n'est pas une adresse web valide.") from None
    return value


def clean_row(row):
    """The place's fields and its structure's SIRET, from one row; RowError naming the column otherwise."""
    for column in REQUIRED:
        if not row.get(column):
            raise RowError(f"{column} est obligatoire.")
    pivot = row["pivot"]
    try:
        validate_siret(pivot)
    except ValidationError:
        raise RowError(
            f"pivot « {pivot} » n'est pas un SIRET valide : la plateforme rattache chaque lieu à une structure "
            "identifiée par son SIRET."
        ) from None
    if len(row["code_postal"]) != 5 or not row["code_postal"].isdigit():
        raise RowError(f"code_postal « {row['code_postal']} » doit compter cinq chiffres.")
    try:
        dt.date.fromisoformat(row["date_maj"])
    except ValueError:
        raise RowError(f"date_maj « {row['date_maj']} » doit être une date AAAA-MM-JJ.") from None
    commune = _commune(row)
    latitude, longitude = _coordinate(row, "latitude", 90), _coordinate(row, "longitude", 180)
    if (latitude is None) != (longitude is None):
        raise RowError("indiquez la latitude et la longitude, ou aucune des deux.")
    if latitude is None:
        if commune.latitude is None:
            raise RowError(f"ni le lieu ni la commune {commune.name} n'ont de coordonnées.")
        latitude, longitude = float(commune.latitude), float(commune.longitude)
    elif commune.latitude is not None:
        away = geo.haversine_km(latitude, longitude, float(commune.latitude), float(commune.longitude))
        if away > MAX_KM_FROM_COMMUNE:
            raise RowError(
                f"les coordonnées ({latitude}, {longitude}) sont à {round(away)} km de {commune.name} : "
                "vérifiez-les (latitude et longitude inversées ?)."
            )
    opening_hours = row.get("horaires", "")
    if opening_hours and (message := hours.error_of(opening_hours)):
        raise RowError(f"horaires : {message}")
    phone = row.get("telephone", "").replace(" ", "")
    if phone:
        try:
            PHONE(phone)
        except ValidationError:
            raise RowError(
                f"telephone « {phone} » : écrivez-le au format international, par exemple +33231000000."
            ) from None
    emails = [email.strip() for email in row.get("courriels", "").split("|") if email.strip()]
    for email in emails:
        try:
            EmailValidator()(email)
        except ValidationError:
            raise RowError(f"courriels : « {email} » n'est pas une adresse électronique valide.") from None
    summary = row.get("presentation_resume", "")
    if len(summary) > 280:
        raise RowError("presentation_resume dépasse 280 caractères.")
    services = [SERVICES_BY_LABEL[label] for label in _list(row, "services", SERVICES_BY_LABEL)]
    typologie = [code for code in row.get("typologie", "").split("|") if code.strip()]
    extra = {column: row[column] for column in KEPT_AS_READ if row.get(column)}
    if extra.get("itinerance") == "Fixe":
        del extra["itinerance"]  # What the export writes when nothing is said.
    other_kinds = [code for code in typologie if code not in PlaceKind.values]
    if other_kinds:
        extra["typologie"] = "|".join(other_kinds)
    if "|" in row.get("site_web", ""):
        extra["site_web"] = row["site_web"]
    if row.get("autres_formations_labels"):
        extra["autres_formations_labels"] = row["autres_formations_labels"]
    fields = {
        "name": row["nom"][:200],
        "address": row["adresse"][:255],
        "address_complement": row.get("complement_adresse", "")[:255],
        "postcode": row["code_postal"],
        "commune": commune,
        "latitude": latitude,
        "longitude": longitude,
        "kinds": [code for code in typologie if code in PlaceKind.values],
        "services": services,
        "opening_hours": opening_hours,
        "access": _list(row, "modalites_acces", ACCESS),
        "fees": _list(row, "frais_a_charge", FEES),
        "publics": _list(row, "publics_specifiquement_adresses", PUBLICS),
        "specific_support": _list(row, "prise_en_charge_specifique", SPECIFIC_SUPPORT),
        "support_modes": _list(row, "modalites_accompagnement", SUPPORT_MODES),
        "summary": summary,
        "description": row.get("presentation_detail", "")[:5000],
        "phone": phone,
        "emails": "|".join(emails)[:500],
        "website": _url(row, "site_web"),
        "acceslibre_url": _url(row, "fiche_acces_libre"),
        "booking_url": _url(row, "prise_rdv"),
        # Our own export names the platform as its source: read back, the place is ours again.
        "source": "" if row.get("source") == SOURCE else row.get("source", "")[:200],
        "extra": extra,
    }
    return row["id"][:100], pivot, fields


def find_place(identifier, organisation, name):
    place = Place.objects.filter(identifier=identifier).first()
    if place is not None or organisation is None:
        return place
    same_name = [place for place in organisation.places.all() if normalize_search(place.name) == normalize_search(name)]
    return same_name[0] if len(same_name) == 1 else None


def unclaimed_organisation(siret, fields, row):
    """A structure nobody administers yet: its owners claim it from its page."""
    kinds = [ORGANISATION_KINDS[kind] for kind in fields["kinds"] if kind in ORGANISATION_KINDS]
    return Organisation.objects.create(
        siret=siret,
        name=fields["name"],
        kinds=[kind.value for kind in kinds],
        address=fields["address"],
        postcode=fields["postcode"],
        commune=fields["commune"],
        latitude=round(fields["latitude"], 5),
        longitude=round(fields["longitude"], 5),
        # Unknown until its owners claim it: the file's date stands in for the date of creation.
        created_on=dt.date.fromisoformat(row["date_maj"]),
        website=fields["website"],
    )


def import_rows(rows, wet_run=False):
    """Import the rows; a dry run (the default) rolls everything back and reports what would have happened."""
    report = Report()
    seen = set()
    with transaction.atomic():
        for label, row in rows:
            try:
                identifier, siret, fields = clean_row(row)
                if identifier in seen:
                    raise RowError(f"id « {identifier} » figure déjà plus haut dans le fichier.")
                seen.add(identifier)
                with transaction.atomic():
                    _save(identifier, siret, fields, row, report)
            except RowError as error:
                report.errors.append((label, str(error)))
        if not wet_run:
            transaction.set_rollback(True)
    return report


def _save(identifier, siret, fields, row, report):
    organisation = Organisation.objects.filter(siret=siret).first()
    place = find_place(identifier, organisation, fields["name"])
    if organisation is None:
        organisation = unclaimed_organisation(siret, fields, row)
        report.organisations_created += 1
    if place is None:
        Place.objects.create(organisation=organisation, identifier=identifier, published=True, **fields)
        report.created += 1
        return
    if place.organisation_id != organisation.pk:
        raise RowError(f"id « {identifier} » est déjà le lieu d'une autre structure ({place.organisation.siret}).")
    changed = [name for name, value in fields.items() if getattr(place, name) != value]
    if not changed:
        report.unchanged += 1
        return
    for name in changed:
        setattr(place, name, fields[name])
    place.save()
    report.updated += 1
