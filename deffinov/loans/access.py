"""One access helper per object: the object, or 404 for whoever may not see it (403 for a structure's members)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from deffinov.loans.models import Item, Loan
from deffinov.loans.workflow import is_owner_or_borrower
from deffinov.organisations.access import get_organisation_for_user

ITEM_RELATED = ("organisation__commune__department", "pickup_place__commune")


def get_item_for_public(user, pk):
    """An item offered for loan; one withdrawn from the catalogue only for its structure's administrators."""
    item = get_object_or_404(Item.objects.select_related(*ITEM_RELATED), pk=pk)
    if item.available or user.has_perm("loans.manage_items", item.organisation):
        return item
    raise Http404("Objet introuvable.")


def get_item_for_admin(user, pk):
    item = get_object_or_404(Item.objects.select_related(*ITEM_RELATED), pk=pk)
    get_organisation_for_user(user, item.organisation_id, "loans.manage_items")
    return item


def get_loan_for_user(user, pk):
    """A loan for the owner's administrators and the borrower; 404 for anybody else."""
    loan = get_object_or_404(
        Loan.objects.select_related("item__organisation", "item__pickup_place__commune", "borrower", "requested_by"),
        pk=pk,
    )
    if is_owner_or_borrower(user, loan):
        return loan
    raise Http404("Prêt introuvable.")
