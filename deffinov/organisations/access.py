from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from deffinov.organisations.models import Claim, Organisation


def get_organisation_for_user(user, pk, perm, queryset=None):
    """The structure if `user` holds `perm` on it.

    404 for someone who may not even see its members (outsiders), 403 for a member or region staff
    who may see it but not do this.
    """
    organisation = get_object_or_404(queryset if queryset is not None else Organisation.objects.all(), pk=pk)
    if user.has_perm(perm, organisation):
        return organisation
    if user.has_perm("organisations.view_members", organisation):
        raise PermissionDenied
    raise Http404("Structure introuvable.")


def get_claim_for_user(user, pk, perm="organisations.view_claim"):
    """The claim if `user` holds `perm` on it: 404 for whoever may not even see it, 403 for who sees it only."""
    claim = get_object_or_404(Claim.objects.select_related("organisation", "claimant", "decided_by"), pk=pk)
    if user.has_perm(perm, claim):
        return claim
    if user.has_perm("organisations.view_claim", claim):
        raise PermissionDenied
    raise Http404("Demande introuvable.")
