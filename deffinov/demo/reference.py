"""The reference data the demonstration builds on: départements and communes, loaded by `load_territories`."""

from deffinov.territories.models import Commune, Department

LOAD_TERRITORIES_HINT = "Chargez d'abord les territoires : python manage.py load_territories --wet-run"


class MissingReferenceData(Exception):
    """The communes or départements the demonstration needs are not in the database."""


def departments(codes):
    found = Department.objects.in_bulk(codes)
    missing = sorted(set(codes) - set(found))
    if missing:
        raise MissingReferenceData(
            f"Département(s) absent(s) de la base : {', '.join(missing)}. {LOAD_TERRITORIES_HINT}"
        )
    return [found[code] for code in codes]


def communes(codes):
    codes = sorted(set(codes))
    found = Commune.objects.in_bulk(codes)
    missing = [code for code in codes if code not in found]
    if missing:
        raise MissingReferenceData(f"Commune(s) absente(s) de la base : {', '.join(missing)}. {LOAD_TERRITORIES_HINT}")
    return found
