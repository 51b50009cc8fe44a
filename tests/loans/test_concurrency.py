"""On PostgreSQL: owners answering at the same moment never lend one item twice on the same day."""

import os
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from deffinov.loans import workflow
from deffinov.loans.models import Loan, LoanState
from tests.accounts.factories import UserFactory
from tests.loans.conftest import TODAY
from tests.loans.factories import ItemFactory, days
from tests.organisations.factories import OrganisationFactory

needs_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"
)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_overlapping_requests_accepted_at_once_give_one_reservation():
    owner_admin, borrower_admin = UserFactory(), UserFactory()
    item = ItemFactory(organisation=OrganisationFactory(admins=[owner_admin]))
    borrower = OrganisationFactory(admins=[borrower_admin])
    loans = [workflow.request_loan(item, borrower_admin, borrower, *days(TODAY, 3 + n % 3, 4)) for n in range(10)]
    outcomes, barrier = [], threading.Barrier(len(loans))

    def accept(loan):
        try:
            barrier.wait()
            outcomes.append(workflow.apply(Loan.objects.get(pk=loan.pk), "accept", owner_admin))
        except workflow.LoanError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(loan,)) for loan in loans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count(True) == 1
    refusals = [outcome for outcome in outcomes if outcome is not True]
    assert len(refusals) == 9 and all("déjà réservé du" in message for message in refusals)
    assert Loan.objects.filter(state=LoanState.RESERVED).count() == 1


@needs_postgresql
def test_the_database_refuses_two_reservations_overlapping_even_written_by_hand(db):
    owner_admin, borrower_admin = UserFactory(), UserFactory()
    item = ItemFactory(organisation=OrganisationFactory(admins=[owner_admin]))
    borrower = OrganisationFactory(admins=[borrower_admin])
    first = workflow.request_loan(item, borrower_admin, borrower, *days(TODAY, 3, 4))
    second = workflow.request_loan(item, borrower_admin, borrower, *days(TODAY, 6, 4))
    assert workflow.apply(first, "accept", owner_admin)
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.filter(pk=second.pk).update(state=LoanState.RESERVED)
