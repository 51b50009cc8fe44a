"""The reference files shipped in data/: régions, départements and communes (with their EPCI)."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from deffinov.territories.sync import CommuneRecord, coordinate

DEFAULT_DIRECTORY = Path(settings.BASE_DIR) / "data"
FILES = ("regions-fr.csv", "departements-fr.csv", "communes-fr.csv")


class ReferenceFileError(Exception):
    pass


@dataclass
class ReferenceData:
    regions: dict = field(default_factory=dict)  # code -> name
    departments: dict = field(default_factory=dict)  # code -> (name, region code)
    epcis: dict = field(default_factory=dict)  # SIREN -> name
    communes: list = field(default_factory=list)  # CommuneRecord


def _rows(path, columns):
    if not path.exists():
        raise ReferenceFileError(f"Fichier introuvable : {path}")
    with path.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        absent = set(columns) - set(reader.fieldnames or ())
        if absent:
            raise ReferenceFileError(f"Colonnes absentes de {path.name} : {', '.join(sorted(absent))}")
        for line, row in enumerate(reader, start=2):
            yield line, {key: (value or "").strip() for key, value in row.items() if key}


def read(directory=DEFAULT_DIRECTORY):
    directory = Path(directory)
    data = ReferenceData()
    for _, row in _rows(directory / "regions-fr.csv", ("code", "nom")):
        data.regions[row["code"]] = row["nom"]
    for line, row in _rows(directory / "departements-fr.csv", ("code", "nom", "region")):
        if row["region"] not in data.regions:
            raise ReferenceFileError(f"departements-fr.csv, ligne {line} : région inconnue « {row['region']} ».")
        data.departments[row["code"]] = (row["nom"], row["region"])
    columns = ("code_insee", "nom", "departement", "epci_siren", "epci_nom", "codes_postaux", "population")
    for line, row in _rows(directory / "communes-fr.csv", (*columns, "latitude", "longitude")):
        if row["departement"] not in data.departments:
            raise ReferenceFileError(f"communes-fr.csv, ligne {line} : département inconnu « {row['departement']} ».")
        if row["epci_siren"]:
            data.epcis.setdefault(row["epci_siren"], row["epci_nom"] or row["epci_siren"])
        try:
            data.communes.append(
                CommuneRecord(
                    code=row["code_insee"],
                    name=row["nom"],
                    department_code=row["departement"],
                    epci_siren=row["epci_siren"],
                    postcodes=tuple(sorted(code for code in row["codes_postaux"].split("|") if code)),
                    population=int(row["population"] or 0),
                    latitude=coordinate(row["latitude"]),
                    longitude=coordinate(row["longitude"]),
                )
            )
        except (ValueError, ArithmeticError) as error:
            raise ReferenceFileError(f"communes-fr.csv, ligne {line} : valeur invalide ({error}).") from error
    return data
