from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from deffinov.organisations.models import Organisation


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
