"""Indicators add up across projects, by wave, département and month, in a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest

from deffinov.formatting import PARIS
from deffinov.grants.models import FundedProject
from deffinov.reports import workflow
from deffinov.reports.indicators import totals
from deffinov.reports.models import ReportKind
from tests.grants.helpers import funded_project
from tests.reports.conftest import countersigned
from tests.reports.helpers import report, written
from tests.territories.factories import saint_lo

pytestmark = pytest.mark.django_db

MARCH = dt.datetime(2026, 3, 10, 10, tzinfo=PARIS)
APRIL = dt.datetime(2026, 4, 30, 23, 30, tzinfo=PARIS)  # still April in Paris (21:30 UTC)


def hand_in(project, kind, figures, at, communes=()):
    lead = project.application.participations.get(is_lead=True).organisation.memberships.first().user
    target = report(project, kind)
    written(target, lead, figures=figures, communes=communes)
    assert workflow.hand_in(target, lead, at)


@pytest.fixture
def three(project, funded, instructor, functional_admin, vire):
    """Two projects of one wave (one led from Saint-Lô, Manche), one of another wave, all led from Vire otherwise."""
    first = project
    second, data = funded_project(instructor, functional_admin, wave=first.application.wave)
    countersigned(second, data, functional_admin)
    third, data = funded_project(instructor, functional_admin)
    countersigned(third, data, functional_admin)
    lead = second.application.participations.get(is_lead=True).organisation
    lead.commune = saint_lo()
    lead.save(update_fields=["commune"])
    hand_in(
        first,
        ReportKind.INTERIM,
        {("apprenants", "salaries"): Decimal(10), ("heures_formation", ""): Decimal("100.5")},
        MARCH,
        [vire],
    )
    hand_in(first, ReportKind.FINAL, {("apprenants", "salaries"): Decimal(5)}, APRIL, [vire])
    hand_in(second, ReportKind.INTERIM, {("apprenants", "apprentis"): Decimal(7)}, MARCH, [vire, saint_lo()])
    written(
        report(third, ReportKind.INTERIM),
        third.application.participations.get(is_lead=True).organisation.memberships.first().user,
        figures={("apprenants", "salaries"): Decimal(1000)},
    )  # a draft counts for nothing
    return first, second, third


def test_indicators_add_up_across_projects(three):
    result = totals(FundedProject.objects.all())
    assert result == {
        None: {
            "apprenants": Decimal(22),
            "apprenants:salaries": Decimal(15),
            "apprenants:apprentis": Decimal(7),
            "heures_formation": Decimal("100.5"),
            "communes_desservies": Decimal(2),  # Vire once, however many reports name it
        }
    }


def test_indicators_by_wave_department_and_month(three):
    first, second, third = three
    by_wave = totals(FundedProject.objects.all(), by="wave")
    assert by_wave[first.application.wave_id]["apprenants"] == Decimal(22)
    assert third.application.wave_id not in by_wave
    by_department = totals(FundedProject.objects.all(), by="department")
    assert by_department["14"]["apprenants"] == Decimal(15)
    assert by_department["50"] == {
        "apprenants": Decimal(7),
        "apprenants:apprentis": Decimal(7),
        "communes_desservies": Decimal(2),
    }
    by_month = totals(FundedProject.objects.all(), by="month")
    assert by_month[dt.date(2026, 3, 1)]["apprenants"] == Decimal(17)
    assert by_month[dt.date(2026, 4, 1)]["apprenants"] == Decimal(5)
    only_second = totals(FundedProject.objects.filter(pk=second.pk))
    assert only_second[None]["apprenants"] == Decimal(7)


@pytest.mark.parametrize("by", [None, "wave", "department", "month"])
def test_totals_take_two_queries_whatever_the_number_of_projects(three, by, django_assert_num_queries):
    with django_assert_num_queries(2):
        totals(FundedProject.objects.all(), by=by)
    with django_assert_num_queries(2):
        totals(FundedProject.objects.filter(pk=three[0].pk), by=by)
