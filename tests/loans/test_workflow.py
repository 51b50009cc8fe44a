"""A loan's life: requested, accepted or declined, picked up, returned; overlaps refused in French."""

import pytest
from django.core import mail

from deffinov.audit.models import AuditEvent
from deffinov.loans import workflow
from deffinov.loans.models import Loan, LoanState
from tests.loans.conftest import TODAY
from tests.loans.factories import days, loan_in_state


def test_a_request_accepted_picked_up_and_returned_leaves_a_log_and_an_audit_trail(
    item, borrower, borrower_admin, lead_admin, run_tasks
):
    loan = workflow.request_loan(item, borrower_admin, borrower, *days(TODAY, 3, 5), message="Pour un atelier")
    assert loan.state == LoanState.PENDING
    for name in ("accept", "pick_up", "give_back"):
        assert workflow.apply(loan, name, lead_admin)
    loan.refresh_from_db()
    assert loan.state == LoanState.RETURNED
    steps = [(t.from_state, t.to_state) for t in loan.transitions.all()]
    assert steps == [("", "pending"), ("pending", "reserved"), ("reserved", "active"), ("active", "returned")]
    assert AuditEvent.objects.filter(action__startswith="loan.").count() == 4
    run_tasks()
    subjects = [(m.to, m.subject) for m in mail.outbox]
    assert (
        ["admin@tiers-lieu-vire.fr"],
        "Demande de prêt : Casque Meta Quest 3 n° 1, du 3 décembre 2026 au 7 décembre 2026",
    ) in subjects
    assert (["admin@ateliers-falaise.fr"], "Prêt de Casque Meta Quest 3 n° 1 : réservé") in subjects


def test_an_overlapping_request_or_acceptance_is_refused_naming_the_period(item, borrower, borrower_admin, lead_admin):
    first = loan_in_state(item, borrower, borrower_admin, lead_admin, *days(TODAY, 10, 5), state="reserved")
    with pytest.raises(workflow.LoanError) as refused:
        workflow.request_loan(item, borrower_admin, borrower, *days(TODAY, 12, 10))
    assert "déjà réservé du 10 décembre 2026 au 14 décembre 2026" in refused.value.message
    # Two pending requests may overlap; only one can be accepted.
    first_pending = workflow.request_loan(item, borrower_admin, borrower, *days(TODAY, 20, 3))
    second_pending = workflow.request_loan(item, borrower_admin, borrower, *days(TODAY, 21, 3))
    assert workflow.apply(first_pending, "accept", lead_admin)
    with pytest.raises(workflow.LoanError, match="déjà réservé du 20 décembre 2026 au 22 décembre 2026"):
        workflow.apply(second_pending, "accept", lead_admin)
    assert Loan.objects.get(pk=second_pending.pk).state == LoanState.PENDING
    # Adjacent dates are fine: returned the 14th, lent again the 15th.
    assert workflow.request_loan(item, borrower_admin, borrower, *days(TODAY, 15, 2))
    assert first.state == LoanState.RESERVED


def test_a_declined_or_returned_loan_frees_the_dates(item, borrower, borrower_admin, lead_admin):
    loan_in_state(item, borrower, borrower_admin, lead_admin, *days(TODAY, 1, 5), state="cancelled")
    loan_in_state(item, borrower, borrower_admin, lead_admin, *days(TODAY, 1, 5), state="returned")
    assert loan_in_state(item, borrower, borrower_admin, lead_admin, *days(TODAY, 1, 5), state="reserved")


def test_only_the_owner_answers_and_only_the_borrower_cancels_its_request(
    item, borrower, borrower_admin, lead_admin, lead_member, outsider
):
    loan = workflow.request_loan(item, borrower_admin, borrower, *days(TODAY, 1, 2))
    for person in (borrower_admin, lead_member, outsider):
        with pytest.raises(workflow.LoanError, match="pas le droit"):
            workflow.apply(loan, "accept", person)
    with pytest.raises(workflow.LoanError, match="pas le droit"):
        workflow.apply(loan, "cancel_request", lead_admin)
    assert workflow.apply(loan, "cancel_request", borrower_admin)
    with pytest.raises(workflow.LoanError, match="« annulé »"):
        workflow.apply(loan, "accept", lead_admin)


def test_a_stale_copy_cannot_move_a_loan_twice(item, borrower, borrower_admin, lead_admin):
    loan = workflow.request_loan(item, borrower_admin, borrower, *days(TODAY, 1, 2))
    stale = Loan.objects.get(pk=loan.pk)
    assert workflow.apply(loan, "accept", lead_admin)
    assert workflow.apply(stale, "decline", lead_admin) is False
    assert Loan.objects.get(pk=loan.pk).state == LoanState.RESERVED
