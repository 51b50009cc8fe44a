"""Fixtures shared by the call, public page and demo tests: Normandy's reference data and the demo loaded."""

import csv
import html
import re
from pathlib import Path

import pytest

from deffinov.demo.loader import load_demo
from deffinov.demo.organisations import STRUCTURES
from deffinov.territories.models import Commune
from tests.fixtures import empty_cache  # noqa: F401 (imported with the others by the page tests)
from tests.territories.factories import normandy_departments

DATA = Path(__file__).resolve().parents[2] / "data"


def load_normandy(commune_codes):
    """Normandy, its five départements and the given communes, read from the shipped reference file."""
    normandy_departments()
    wanted = set(commune_codes)
    with (DATA / "communes-fr.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if row["code_insee"] in wanted:
                Commune(
                    code=row["code_insee"],
                    name=row["nom"],
                    department_id=row["departement"],
                    postcodes=row["codes_postaux"].replace("|", " "),
                    population=int(row["population"] or 0),
                    latitude=row["latitude"] or None,
                    longitude=row["longitude"] or None,
                ).save()


@pytest.fixture
def normandy(db):
    load_normandy(spec["commune"] for spec in STRUCTURES)


@pytest.fixture
def demo(normandy):
    """The demonstration loaded at the current (possibly frozen) time."""
    return load_demo()


def page_text(response):
    """The text a reader sees: tags dropped, entities decoded, every kind of space as one space."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", response.content.decode(), flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())
