import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from deffinov.committee.models import AgendaItem, CommitteeSession
from deffinov.reviews.models import ensure_default_grid
from deffinov.reviews.reviewing import save_review
from tests.applications.factories import WaveFactory
from tests.reviews.helpers import in_review, quick_dossier, staff
from tests.territories.factories import alencon, saint_lo


@pytest.fixture
def instructor(db):
    return staff(first_name="Inès", last_name="Instructrice")


def score(application, reviewer, value):
    """Every criterion of the grid at `value`: the weighted score is `value`."""
    criteria = ensure_default_grid(application.wave.call)
    save_review(application, reviewer, dict.fromkeys(criteria, (value, "")))


def new_session(wave, **kwargs):
    defaults = {"title": "Comité de sélection – vague 1", "date": timezone.now() + dt.timedelta(days=7)}
    return CommitteeSession.objects.create(wave=wave, **(defaults | kwargs))


@pytest.fixture
def ranked_session(db, instructor):
    """Envelope 300 000 €; four dossiers: Vire 150 k€ (4,5), Vire 120 k€ (4), Saint-Lô 100 k€ (3),
    Vire 80 k€ (unscored).

    The call covers Calvados, Manche and Orne; nothing comes from Orne."""
    wave = WaveFactory(envelope=Decimal(300_000))
    saint_lo_commune = saint_lo()
    wave.call.eligible_departments.add(saint_lo_commune.department, alencon().department)
    dossiers = {
        "a": quick_dossier(wave, "Bocage numérique", Decimal(150_000), Decimal(250_000)),
        "c": quick_dossier(wave, "Campus du Pays de Vire", Decimal(120_000), Decimal(200_000)),
        "b": quick_dossier(wave, "Fablab de Saint-Lô", Decimal(100_000), Decimal(160_000), commune=saint_lo_commune),
        "d": quick_dossier(wave, "Atelier du Noireau", Decimal(80_000), Decimal(120_000)),
    }
    score(dossiers["a"], instructor, 5)
    score(dossiers["a"], staff(), 4)
    score(dossiers["c"], instructor, 4)
    score(dossiers["b"], instructor, 3)
    session = new_session(wave)
    for application in dossiers.values():
        AgendaItem.objects.create(session=session, application=application)
    return session, dossiers


@pytest.fixture
def decidable(db, instructor):
    """A complete dossier in instruction (150 000 € budget, 100 000 € asked for) on a session's agenda."""
    data = in_review(instructor=instructor)
    session = new_session(data["application"].wave)
    AgendaItem.objects.create(session=session, application=data["application"])
    data["session"] = session
    return data
