import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from deffinov.committee import workflow
from deffinov.committee.models import AgendaItem, CommitteeSession
from deffinov.reviews.models import ensure_default_grid
from deffinov.reviews.reviewing import save_review
from tests.applications.factories import UserFactory, WaveFactory
from tests.reviews.helpers import in_review, quick_dossier
from tests.territories.factories import alencon, saint_lo

REFERENCE = "CP-2026-11-042"


@pytest.fixture
def instructor(db):
    return UserFactory(instructor=True, first_name="Inès", last_name="Instructrice")


@pytest.fixture
def functional_admin(db):
    return UserFactory(functional_admin=True, first_name="Fanny", last_name="Fonctionnelle")


def score(application, reviewer, value):
    """Every criterion of the grid at `value`: the weighted score is `value`."""
    criteria = ensure_default_grid(application.wave.call)
    save_review(application, reviewer, dict.fromkeys(criteria, (value, "")))


def new_session(wave, **kwargs):
    """A planned session, a week ahead."""
    defaults = {"title": "Comité de sélection – vague 1", "date": timezone.now() + dt.timedelta(days=7)}
    return CommitteeSession.objects.create(wave=wave, **(defaults | kwargs))


def held(session, by):
    """The session took place yesterday and its secretariat declares it held."""
    session.date = timezone.now() - dt.timedelta(days=1)
    session.save(update_fields=["date"])
    assert workflow.hold(session, by)
    return session


def with_signatory(call):
    call.signatory_name = "Claire Besnard"
    call.signatory_title = "Vice-présidente de la Région Normandie"
    call.save(update_fields=["signatory_name", "signatory_title"])
    return call


def validated(session, by, reference=REFERENCE, on=None):
    """The Commission permanente's deliberation of today validates the session's decisions."""
    with_signatory(session.wave.call)
    assert workflow.validate(session, by, reference, on or timezone.localdate())
    session.refresh_from_db()
    return session


@pytest.fixture
def ranked_session(db, instructor):
    """Envelope 300 000 €; four dossiers: Vire 150 k€ (4,5), Vire 120 k€ (4), Saint-Lô 100 k€ (3),
    Vire 80 k€ (unscored). The session took place yesterday (held): decisions can be recorded.

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
    score(dossiers["a"], UserFactory(instructor=True), 4)
    score(dossiers["c"], instructor, 4)
    score(dossiers["b"], instructor, 3)
    session = new_session(wave)
    for application in dossiers.values():
        AgendaItem.objects.create(session=session, application=application)
    held(session, instructor)
    return session, dossiers


@pytest.fixture
def decidable(db, instructor):
    """A complete dossier in instruction (150 000 € budget, 100 000 € asked for) on the agenda of a session that
    took place yesterday (held)."""
    data = in_review(instructor=instructor)
    session = new_session(data["application"].wave)
    AgendaItem.objects.create(session=session, application=data["application"])
    data["session"] = held(session, instructor)
    return data
