from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from deffinov.territories.models import EPCI, Commune, Department, Region

DATA = Path(__file__).parent / "data"


def load_territories(data_dir=DATA, wet_run=True, **options):
    """Run the loader as an operator would; return what it printed."""
    out = StringIO()
    call_command("load_territories", wet_run=wet_run, data_dir=str(data_dir), stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def territories(db):
    """Ten real communes (Caen, Vire Normandie, Saint-Lô, two Saint-Martin…) from tests/territories/data/."""
    load_territories()


@pytest.fixture(scope="module")
def france(django_db_setup, django_db_blocker):
    """Every French commune from data/, loaded once for the module and removed afterwards."""
    with django_db_blocker.unblock():
        call_command("load_territories", wet_run=True, stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        Commune.objects.all().delete()
        EPCI.objects.all().delete()
        Department.objects.all().delete()
        Region.objects.all().delete()
