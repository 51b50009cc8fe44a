from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deffinov.organisations.access import get_organisation_for_user
from deffinov.organisations.forms import MembershipRoleForm
from deffinov.organisations.models import LastAdminError


@require_POST
@login_required
def member_role(request, pk, membership_pk):
    """Administrators of the structure only."""
    organisation = get_organisation_for_user(request.user, pk, "organisations.manage_members")
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=membership_pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un rôle dans la liste."))
    else:
        try:
            organisation.change_role(membership, form.cleaned_data["role"])
        except LastAdminError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(person)s est maintenant %(role)s.")
                % {"person": membership.user, "role": membership.get_role_display().lower()},
            )
    return redirect(organisation.get_absolute_url() + "#membres")


@require_POST
@login_required
def member_remove(request, pk, membership_pk):
    """Administrators of the structure only."""
    organisation = get_organisation_for_user(request.user, pk, "organisations.manage_members")
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=membership_pk)
    try:
        organisation.remove_member(membership)
    except LastAdminError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(person)s ne fait plus partie de la structure.") % {"person": membership.user})
    return redirect(organisation.get_absolute_url() + "#membres")
