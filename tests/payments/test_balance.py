"""The balance: the grant pro rata of justified expenses, capped, minus what was paid; a recovery when negative."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deffinov.grants import workflow as projects
from deffinov.grants.models import ProjectState
from deffinov.payments import requests
from deffinov.payments.balance import pro_rata
from deffinov.payments.models import RecoveryOrder, TrancheState
from deffinov.payments.recoveries import record_recovered
from deffinov.payments.schedule import redraw
from deffinov.payments.totals import totals
from deffinov.payments.workflow import PaymentError
from tests.payments.helpers import final_accepted, interim_accepted, paid, spent_as, tranche

pytestmark = pytest.mark.django_db
D = Decimal


def test_pro_rata_is_exact_and_says_when_it_rounds_down():
    assert pro_rata(D(90_000), D(150_000), D(120_000), D(72_000)).amount == 0
    odd = pro_rata(D(100_000), D(300_000), D(100_000), D(0))
    assert odd.due == D("33333.33") and odd.rounded_down
    capped = pro_rata(D(90_000), D(150_000), D(200_000), D(72_000))
    assert capped.due == D(90_000) and capped.amount == D(18_000)
    assert pro_rata(D(90_000), D(150_000), D(90_000), D(72_000)).overpaid == D(18_000)


def through_the_interim(funded, instructor, finance_officer):
    project, data = funded
    paid(project, 1, data["lead_admin"], instructor, finance_officer)
    interim_accepted(project)
    paid(project, 2, data["lead_admin"], instructor, finance_officer, spent=(50_000, 20_000))
    project.refresh_from_db()
    assert project.state == ProjectState.RUNNING
    projects.apply(project, "begin_closing", instructor)
    final_accepted(project)
    return project, data


def test_a_balance_of_zero_closes_the_project(funded, instructor, finance_officer):
    project, data = through_the_interim(funded, instructor, finance_officer)
    balance = paid(project, 3, data["lead_admin"], instructor, finance_officer, spent=(80_000, 40_000))
    assert balance.state == TrancheState.PAID and balance.amount_paid == 0
    project.refresh_from_db()
    assert project.state == ProjectState.CLOSED


def test_a_balance_above_what_is_unlocked_is_refused_with_the_computation(funded, instructor, finance_officer):
    project, data = through_the_interim(funded, instructor, finance_officer)
    t = tranche(project, 3)
    with pytest.raises(PaymentError, match=r"dépasse ce qui est débloqué.*6\u00a0000\u00a0€") as error:
        requests.submit(t, data["lead_admin"], amount=D(18_000), spent=spent_as(project, 90_000, 40_000))
    assert "130\u00a0000\u00a0€ justifiés / 150\u00a0000\u00a0€ prévus" in error.value.message
    assert t.state == TrancheState.REQUESTABLE


def test_an_overpaid_project_gets_a_recovery_order_split_between_members(funded, instructor, finance_officer):
    project, data = through_the_interim(funded, instructor, finance_officer)
    paid(project, 3, data["lead_admin"], instructor, finance_officer, spent=(60_000, 30_000))
    order = RecoveryOrder.objects.get(project=project)
    assert order.amount == D(18_000)  # 90 000 × 90 000 / 150 000 = 54 000 due, 72 000 paid
    assert sorted(order.shares.values_list("amount", flat=True)) == [D(7_200), D(10_800)]
    project.refresh_from_db()
    assert project.state == ProjectState.CLOSING  # until the lead pays back
    assert record_recovered(order, finance_officer, order.issued_at.date(), "T-2027-12")
    project.refresh_from_db()
    assert project.state == ProjectState.CLOSED
    summary = totals()
    assert summary.overall.paid == D(72_000) and summary.overall.recovered == D(18_000)


def test_terminating_recovers_what_was_not_justified(funded, instructor, finance_officer, functional_admin):
    project, data = funded
    paid(project, 1, data["lead_admin"], instructor, finance_officer, spent=(30_000, 0))
    interim_accepted(project)
    project.refresh_from_db()
    assert projects.apply(project, "terminate", functional_admin, motivation="Projet abandonné.")
    order = RecoveryOrder.objects.get(project=project)
    assert order.amount == D(27_000)  # 45 000 paid, 90 000 × 30 000 / 150 000 = 18 000 justified
    assert "Projet abandonné." in order.reason
    assert tranche(project, 2).state == TrancheState.LOCKED


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (D("45000.01"), "dépasse ce qui est débloqué"),
        (D("NaN"), "en chiffres"),
        (D(-1), "négatif"),
        (D("1e12"), "limite"),
        (D("10.001"), "deux décimales"),
        (D(0), "supérieur à 0"),
    ],
)
def test_bad_amounts_are_refused_in_french(funded, amount, message):
    project, data = funded
    t = tranche(project, 1)
    with pytest.raises(PaymentError, match=message):
        requests.submit(t, data["lead_admin"], amount=amount, spent=spent_as(project, 0, 0))
    assert t.state == TrancheState.REQUESTABLE


def test_redraw_keeps_paid_tranches_and_refuses_below_paid(funded, instructor, finance_officer):
    project, data = funded
    paid(project, 1, data["lead_admin"], instructor, finance_officer)
    project.amount_granted = D(75_000)
    redraw(project)
    assert [t.amount for t in project.tranches.all()] == [D(45_000), D(18_000), D(12_000)]
    project.amount_granted = D(40_000)
    with pytest.raises(PaymentError, match="inférieur à ce qui a déjà été versé"):
        redraw(project)


def test_totals_take_a_constant_number_of_queries(funded, instructor, finance_officer):
    project, data = funded
    paid(project, 1, data["lead_admin"], instructor, finance_officer)
    with CaptureQueriesContext(connection) as queries:
        summary = totals()
    assert len(queries) == 2
    [wave] = summary.by_wave
    assert (wave.committed, wave.paid, wave.to_pay) == (D(90_000), D(45_000), D(45_000))
    assert summary.by_department[0].label == "Calvados"
