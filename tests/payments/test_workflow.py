"""A tranche moves through its declared states: unlocked, requested, validated at two levels, paid or failed."""

from decimal import Decimal

import pytest
from django.utils import timezone

from deffinov.audit.models import AuditEvent
from deffinov.grants.models import ProjectState
from deffinov.payments import requests, workflow
from deffinov.payments.models import MemberShare, TrancheState, TrancheTransition
from deffinov.payments.workflow import PaymentError
from tests.applications.factories import UserFactory
from tests.payments.helpers import paid, spent_as, tranche

pytestmark = pytest.mark.django_db


def test_countersigning_makes_the_advance_requestable_and_tells_the_lead(funded, run_tasks, mailoutbox):
    project, data = funded
    assert [t.state for t in project.tranches.all()] == ["requestable", "locked", "locked"]
    run_tasks()
    [email] = [m for m in mailoutbox if "peut être demandée" in m.subject]
    assert email.to == [data["lead_admin"].email]
    assert "45\u00a0000\u00a0€" in email.body


def test_the_whole_path_of_a_tranche_each_move_logged_and_audited(
    funded, instructor, finance_officer, run_tasks, mailoutbox
):
    project, data = funded
    t = tranche(project, 1)
    assert requests.submit(t, data["lead_admin"], spent=spent_as(project, 30_000, 10_000), comment="Premier état")
    assert t.state == TrancheState.REQUESTED
    assert t.requests.get().amount == Decimal(45_000)
    assert workflow.apply(t, "instruct", instructor)
    assert t.state == TrancheState.REQUESTED
    assert workflow.apply(t, "approve", finance_officer)
    assert t.state == TrancheState.VALIDATED
    assert workflow.apply(t, "fail", finance_officer, motivation="IBAN clôturé")
    assert t.state == TrancheState.FAILED
    assert workflow.apply(t, "repay", finance_officer, engagement="EJ-1", mandate="M-2", paid_on=timezone.localdate())
    assert t.state == TrancheState.PAID and t.amount_paid == Decimal(45_000)
    assert list(t.transitions.values_list("name", flat=True)) == [
        "unlock",
        "request",
        "instruct",
        "approve",
        "fail",
        "repay",
    ]
    assert AuditEvent.objects.filter(action__startswith="payments.tranche.").count() == 6
    # The first payment starts the project; the lead and its partner share it 60 / 40.
    project.refresh_from_db()
    assert project.state == ProjectState.RUNNING
    assert sorted(MemberShare.objects.filter(tranche=t).values_list("amount", flat=True)) == [
        Decimal(18_000),
        Decimal(27_000),
    ]
    run_tasks()
    subjects = [m.subject for m in mailoutbox]
    assert any("est validée" in s for s in subjects)
    assert any("a échoué" in s for s in subjects)
    assert any("est versée" in s for s in subjects)


def test_a_finance_officer_cannot_validate_before_an_instructor(funded, finance_officer):
    project, data = funded
    t = tranche(project, 1)
    requests.submit(t, data["lead_admin"], spent=spent_as(project, 0, 0))
    with pytest.raises(PaymentError, match="d'abord être validée par un instructeur"):
        workflow.apply(t, "approve", finance_officer)
    assert t.state == TrancheState.REQUESTED


def test_the_same_person_cannot_validate_both_levels(funded):
    project, data = funded
    both = UserFactory(instructor=True, finance_officer=True)
    t = tranche(project, 1)
    requests.submit(t, data["lead_admin"], spent=spent_as(project, 0, 0))
    assert workflow.apply(t, "instruct", both)
    with pytest.raises(PaymentError, match="revient à une autre personne"):
        workflow.apply(t, "approve", both)


def test_roles_are_checked_on_each_move(funded, instructor, finance_officer):
    project, data = funded
    t = tranche(project, 1)
    with pytest.raises(PaymentError, match="pas le droit"):
        requests.submit(t, instructor, spent=spent_as(project, 0, 0))
    requests.submit(t, data["lead_admin"], spent=spent_as(project, 0, 0))
    with pytest.raises(PaymentError, match="pas le droit"):
        workflow.apply(t, "instruct", finance_officer)
    with pytest.raises(PaymentError, match="pas le droit"):
        workflow.apply(t, "instruct", data["lead_admin"])


def test_either_level_sends_back_with_a_motivation_and_the_lead_asks_again(funded, instructor, finance_officer):
    project, data = funded
    t = tranche(project, 1)
    requests.submit(t, data["lead_admin"], spent=spent_as(project, 0, 0))
    with pytest.raises(PaymentError, match="ce qu'il doit corriger"):
        workflow.apply(t, "send_back", instructor, motivation="  ")
    assert workflow.apply(t, "send_back", finance_officer, motivation="Factures illisibles")
    assert t.state == TrancheState.REQUESTABLE
    assert t.requests.get().return_motivation == "Factures illisibles"
    assert requests.submit(t, data["lead_admin"], spent=spent_as(project, 1000, 0))
    assert t.requests.count() == 2


def test_a_double_click_submits_once(funded):
    project, data = funded
    t = tranche(project, 1)
    again = project.tranches.get(pk=t.pk)
    assert requests.submit(t, data["lead_admin"], spent=spent_as(project, 0, 0))
    assert not requests.submit(again, data["lead_admin"], spent=spent_as(project, 0, 0))  # the second click
    assert t.requests.count() == 1
    with pytest.raises(PaymentError, match="déjà été demandée"):
        requests.submit(t, data["lead_admin"], spent=spent_as(project, 0, 0))


def test_locked_tranches_and_paid_ones_refuse_every_move(funded, instructor, finance_officer):
    project, data = funded
    with pytest.raises(PaymentError, match="pas encore débloquée"):
        requests.submit(tranche(project, 2), data["lead_admin"], spent=spent_as(project, 0, 0))
    t = paid(project, 1, data["lead_admin"], instructor, finance_officer)
    with pytest.raises(PaymentError, match="déjà versée"):
        workflow.apply(t, "pay", finance_officer, engagement="X", mandate="Y", paid_on=timezone.localdate())
    assert TrancheTransition.objects.filter(tranche=t, name="pay").count() == 1


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"engagement": "", "mandate": "M", "paid_on": "today"}, "l'engagement"),
        ({"engagement": "E", "mandate": "", "paid_on": "today"}, "du mandat"),
        ({"engagement": "E" * 41, "mandate": "M", "paid_on": "today"}, "40 caractères"),
        ({"engagement": "E", "mandate": "M", "paid_on": None}, "la date du paiement"),
        ({"engagement": "E", "mandate": "M", "paid_on": "tomorrow"}, "dans le futur"),
    ],
)
def test_a_payment_needs_its_references_and_a_sane_date(funded, instructor, finance_officer, given, message):
    import datetime as dt

    project, data = funded
    t = tranche(project, 1)
    requests.submit(t, data["lead_admin"], spent=spent_as(project, 0, 0))
    workflow.apply(t, "instruct", instructor)
    workflow.apply(t, "approve", finance_officer)
    days = {"today": timezone.localdate(), "tomorrow": timezone.localdate() + dt.timedelta(days=1), None: None}
    with pytest.raises(PaymentError, match=message):
        workflow.apply(t, "pay", finance_officer, **(given | {"paid_on": days[given["paid_on"]]}))
    assert t.state == TrancheState.VALIDATED
