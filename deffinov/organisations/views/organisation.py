from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from deffinov.organisations.access import get_organisation_for_user
from deffinov.organisations.forms import OrganisationForm
from deffinov.organisations.models import Membership, Organisation


def organisation_detail(request, pk):
    """Public: a structure's entry in the directory. Members, invitations and actions only for those allowed."""
    organisation = get_object_or_404(Organisation.objects.select_related("commune__department"), pk=pk)
    user = request.user
    can_view_members = user.has_perm("organisations.view_members", organisation)
    can_invite = user.has_perm("organisations.invite", organisation)
    memberships = (
        list(organisation.memberships.select_related("user").order_by("role", "user__last_name", "user__email"))
        if can_view_members
        else []
    )
    admins = [membership.pk for membership in memberships if membership.is_admin]
    context = {
        "organisation": organisation,
        "can_view_members": can_view_members,
        "can_change": user.has_perm("organisations.change_organisation", organisation),
        "can_invite": can_invite,
        "can_manage_members": user.has_perm("organisations.manage_members", organisation),
        "memberships": memberships,
        # The only administrator can be neither demoted nor removed: no buttons that would fail.
        "sole_admin_pk": admins[0] if len(admins) == 1 else None,
        "invitations": organisation.invitations.pending().order_by("email") if can_invite else [],
        "roles": Membership.Role.choices,
        "open_claims": organisation.claims.open().select_related("claimant") if can_invite else [],
        "can_claim": user.is_authenticated and not memberships and not can_view_members,
    }
    return render(request, "organisations/detail.html", context)


@login_required
def organisation_edit(request, pk):
    """Administrators of the structure only."""
    organisation = get_organisation_for_user(
        request.user, pk, "organisations.change_organisation", Organisation.objects.select_related("commune")
    )
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("La fiche de la structure est enregistrée."))
        return redirect(organisation)
    return render(request, "organisations/edit.html", {"form": form, "organisation": organisation})
