"""Items and loans; loans in a state are built through the real workflow."""

import datetime as dt

import factory

from deffinov.loans import workflow
from deffinov.loans.models import Audience, Item, ItemKind
from tests.organisations.factories import OrganisationFactory


class ItemFactory(factory.django.DjangoModelFactory):
    """A VR headset lent to the whole network, with a 150 € deposit."""

    class Meta:
        model = Item

    organisation = factory.SubFactory(OrganisationFactory)
    kind = ItemKind.VR_HEADSET
    name = factory.Sequence(lambda n: f"Casque de réalité virtuelle n° {n}")
    description = "Casque autonome, chargeur et housse."
    deposit = 150
    audience = Audience.NETWORK

    class Params:
        consortium_only = factory.Trait(audience=Audience.CONSORTIUM)
        public = factory.Trait(audience=Audience.PUBLIC)


def loan_in_state(item, borrower, by, owner_admin, starts_on, ends_on, state="pending"):
    """A loan requested by `by` for `borrower`, then moved by the owner's admin up to `state`."""
    loan = workflow.request_loan(item, by, borrower, starts_on, ends_on)
    steps = {
        "pending": [],
        "reserved": [("accept", owner_admin)],
        "active": [("accept", owner_admin), ("pick_up", owner_admin)],
        "returned": [("accept", owner_admin), ("pick_up", owner_admin), ("give_back", owner_admin)],
        "cancelled": [("decline", owner_admin)],
    }[state]
    for name, who in steps:
        assert workflow.apply(loan, name, who)
    loan.refresh_from_db()
    return loan


def days(today, start, length):
    """(start, end) `start` days from `today`, `length` days long."""
    first = today + dt.timedelta(days=start)
    return first, first + dt.timedelta(days=length - 1)
