"""A rule to examine reads the same on every page: one label per status, one label per verdict."""

import datetime as dt
import inspect
import re

import pytest
import time_machine
from django.urls import reverse

from deffinov.applications.models import ResourceLine
from deffinov.committee.exports import csv_lines
from deffinov.eligibility import engine
from deffinov.eligibility.facts import Status
from deffinov.eligibility.presentation import RULE_TITLES, STATUS_DISPLAY, VERDICT_DISPLAY
from tests.applications.factories import eligible_application
from tests.eligibility.fixtures import create_normandy_call
from tests.instruction.factories import make_application, make_wave

WARNING_LABEL = "À examiner"
VERDICT_WITH_WARNINGS = "Éligible, avec des points à examiner"
# The words pages used to give a warning before there was one vocabulary.
OTHER_WORDS = ("Avertissement", "avertissement", "Point d'attention", "points d'attention", "Bloquante")


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def assert_one_vocabulary(text):
    assert not [word for word in OTHER_WORDS if word in text]


def test_the_labels_are_defined_once():
    assert str(STATUS_DISPLAY[Status.WARNING][1]) == WARNING_LABEL
    assert str(VERDICT_DISPLAY[Status.WARNING][1]) == VERDICT_WITH_WARNINGS


def test_the_simulator_labels_a_small_grant_to_examine(client, db):
    create_normandy_call()
    form = {
        "wave": "vague-2",
        "lead": "1",
        "membre-1-name": "La Fabrique de Vire",
        "membre-1-kinds": ["tiers_lieu"],
        "membre-1-counted": "oui",
        "membre-1-created_on": "2018-05-01",
        "membre-1-criteria": [
            "ancrage_territorial",
            "communaute",
            "gouvernance_partagee",
            "hybridation",
            "experimentation",
        ],
        "membre-1-justification_communaute": "Une association de 120 membres.",
        "membre-2-name": "Formations du Bocage",
        "membre-2-kinds": ["organisme_formation"],
        "membre-2-counted": "oui",
        "membre-2-created_on": "2010-09-01",
        "departements": ["14"],
        "expenses": "200000",
        "requested_grant": "40000",
        "own_funds": "140000",
        "in_kind": "20000",
        "start_on": "2024-06-01",
        "end_on": "2026-05-31",
    }
    with time_machine.travel(dt.datetime(2024, 2, 15, 10, tzinfo=dt.UTC), tick=False):
        response = client.post("/eligibilite/simulateur/", form)

    text = text_of(response)
    assert f"Montant de la subvention ({WARNING_LABEL})" in text
    assert_one_vocabulary(text)


def test_the_dossier_panel_labels_a_small_grant_to_examine(client, db):
    consortium = eligible_application()
    application = consortium["application"]
    ResourceLine.objects.filter(application=application, kind="requested_grant").update(amount=40_000)
    ResourceLine.objects.filter(application=application, kind="own_funds").update(amount=110_000)
    client.force_login(consortium["lead_admin"])

    text = text_of(client.get(reverse("applications:detail", args=[application.number])))

    assert f"Montant de la subvention ({WARNING_LABEL})" in text
    assert_one_vocabulary(text)


@pytest.fixture
def dossier_to_examine(db):
    return make_application(make_wave(), warning=True)


def test_the_instruction_pages_label_the_same_rule_the_same_way(client, instructor, dossier_to_examine):
    client.force_login(instructor)

    listing = text_of(client.get(reverse("instruction:workspace", args=[dossier_to_examine.wave.slug])))
    dossier = text_of(client.get(reverse("instruction:dossier", args=[dossier_to_examine.number]) + "?recalculer=1"))

    assert VERDICT_WITH_WARNINGS in listing
    assert VERDICT_WITH_WARNINGS in dossier
    assert f"Montant de la subvention ({WARNING_LABEL})" in dossier
    assert f"⚠ {WARNING_LABEL}" in dossier  # the comparison with the verdict recalculated now
    assert_one_vocabulary(listing)
    assert_one_vocabulary(dossier)


def test_the_committee_export_writes_the_same_verdict(dossier_to_examine):
    export = "".join(csv_lines(dossier_to_examine.wave))

    assert VERDICT_WITH_WARNINGS in export
    assert_one_vocabulary(export)


def test_every_rule_of_the_engine_has_a_title():
    codes = set(re.findall(r'code = "([a-z_.]+)"', inspect.getsource(engine)))

    assert codes and codes <= set(RULE_TITLES)
