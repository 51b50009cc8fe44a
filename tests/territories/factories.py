"""Normandy as the tests know it: the region, its five départements and a few real communes.

Real names, INSEE codes, postcodes and populations (data/communes-fr.csv) and fixed centres: never random
geography. Every helper is idempotent: it returns what already exists.
"""

from decimal import Decimal

from deffinov.territories.models import EPCI, Commune, Department, Region

NORMANDY_DEPARTMENTS = {"14": "Calvados", "27": "Eure", "50": "Manche", "61": "Orne", "76": "Seine-Maritime"}
# code INSEE: (name, département, postcodes, population, latitude, longitude, EPCI SIREN)
COMMUNES = {
    "14762": ("Vire Normandie", "14", "14500", 17_457, "48.83850", "-0.88930", "200068799"),
    "14118": ("Caen", "14", "14000", 109_400, "49.18290", "-0.37060", None),
    "50502": ("Saint-Lô", "50", "50000", 19_471, "49.11519", "-1.09187", None),
    "61001": ("Alençon", "61", "61000", 25_490, "48.43011", "0.08261", None),
    "27229": ("Évreux", "27", "27000", 49_360, "49.02730", "1.15086", None),
    "76540": ("Rouen", "76", "76000 76100", 117_662, "49.44327", "1.09982", None),
}
EPCIS = {"200068799": "CC Intercom de la Vire au Noireau"}


def normandy_region():
    return Region.objects.get_or_create(code="28", defaults={"name": "Normandie"})[0]


def department(code):
    """One of the five départements of Normandy."""
    return Department.objects.get_or_create(
        code=code, defaults={"name": NORMANDY_DEPARTMENTS[code], "region": normandy_region()}
    )[0]


def normandy_departments():
    return [department(code) for code in NORMANDY_DEPARTMENTS]


def paris():
    """A département outside Normandy, for what the call does not cover."""
    region = Region.objects.get_or_create(code="11", defaults={"name": "Île-de-France"})[0]
    return Department.objects.get_or_create(code="75", defaults={"name": "Paris", "region": region})[0]


def commune(code):
    name, department_code, postcodes, population, latitude, longitude, epci_siren = COMMUNES[code]
    epci = None
    if epci_siren:
        epci = EPCI.objects.get_or_create(siren=epci_siren, defaults={"name": EPCIS[epci_siren]})[0]
    return Commune.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "department": department(department_code),
            "epci": epci,
            "postcodes": postcodes,
            "population": population,
            "latitude": Decimal(latitude),
            "longitude": Decimal(longitude),
        },
    )[0]


def vire_normandie():
    return commune("14762")


def caen():
    return commune("14118")


def saint_lo():
    return commune("50502")


def alencon():
    return commune("61001")


def normandy():
    """Calvados with Vire Normandie (and its EPCI) and Caen: where most dossiers of the tests take place."""
    vire = vire_normandie()
    return {"calvados": department("14"), "vire": vire, "caen": caen(), "epci": vire.epci}
