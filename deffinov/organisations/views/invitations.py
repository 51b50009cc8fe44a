from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deffinov.organisations.access import get_organisation_for_user
from deffinov.organisations.addressees import Addressee, addressee, send_confirmation, vouch_for
from deffinov.organisations.emails import send_invitation_email
from deffinov.organisations.forms import InvitationForm
from deffinov.organisations.models import (
    AddressNotConfirmedError,
    AlreadyMemberError,
    Invitation,
    InvitationForSomebodyElseError,
    InvitationUnavailableError,
    role_phrase,
)


@login_required
def invite(request, pk):
    """Administrators of the structure only."""
    organisation = get_organisation_for_user(request.user, pk, "organisations.invite")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, created = organisation.invite(
                form.cleaned_data["email"], form.cleaned_data["role"], invited_by=request.user
            )
        except AlreadyMemberError as error:
            form.add_error("email", error.message)
        else:
            send_invitation_email(invitation)
            if created:
                messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email})
            else:
                messages.success(
                    request,
                    _("%(email)s était déjà invité : l'invitation est prolongée et renvoyée.")
                    % {"email": invitation.email},
                )
            return redirect(organisation.get_absolute_url() + "#invitations")
    return render(request, "organisations/invite.html", {"form": form, "organisation": organisation})


@require_POST
@login_required
def invitation_revoke(request, pk, invitation_pk):
    """Administrators of the structure only."""
    organisation = get_organisation_for_user(request.user, pk, "organisations.invite")
    invitation = get_object_or_404(organisation.invitations.filter(accepted_at__isnull=True), pk=invitation_pk)
    invitation.delete()
    messages.success(
        request,
        _("L'invitation adressée à %(email)s est annulée : son lien ne fonctionne plus.") % {"email": invitation.email},
    )
    return redirect(organisation.get_absolute_url() + "#invitations")


def invitation_accept(request, token):
    """Public, but the invitation is taken up only by the account that holds the invited address, confirmed.

    Visitors log in or sign up first (an account created from the link with the invited address starts confirmed,
    the link having been sent there); an account with the address unconfirmed is asked to confirm it; any other
    account is refused and shown nothing of the structure."""
    invitation = get_object_or_404(Invitation.objects.select_related("organisation", "invited_by"), token=token)
    organisation = invitation.organisation
    unavailable_reason = invitation.unavailable_reason()
    relation = addressee(request.user, invitation.email) if request.user.is_authenticated else None
    if relation is Addressee.SOMEBODY_ELSE:
        return refuse(request, InvitationForSomebodyElseError())
    if relation is None and not unavailable_reason:
        vouch_for(request, invitation.email)
    context = {
        "invitation": invitation,
        "organisation": organisation,
        "unavailable_reason": unavailable_reason,
        "unconfirmed": relation is Addressee.UNCONFIRMED,
        "already_member": relation is not None and organisation.memberships.filter(user=request.user).exists(),
    }
    if request.method == "POST" and relation is Addressee.UNCONFIRMED and not unavailable_reason:
        send_confirmation(request, request.user, invitation.email)
        messages.success(
            request,
            _("Un courriel de confirmation est envoyé à %(email)s : cliquez sur son lien, puis revenez ici.")
            % {"email": invitation.email},
        )
        return redirect(invitation)
    if request.method == "POST" and relation is Addressee.CONFIRMED and not unavailable_reason:
        try:
            membership = invitation.accept(request.user)
        except InvitationForSomebodyElseError as error:
            return refuse(request, error)
        except (InvitationUnavailableError, AddressNotConfirmedError) as error:
            context["unavailable_reason"] = error.message
        else:
            messages.success(
                request,
                _("Vous avez rejoint %(name)s %(role)s.")
                % {"name": organisation.name, "role": role_phrase(membership.role)},
            )
            return redirect(organisation)
    return render(request, "organisations/invitation_accept.html", context)


def refuse(request, error):
    """Another person's invitation: a plain refusal, nothing of the structure."""
    return render(request, "organisations/invitation_refused.html", {"message": error.message}, status=403)
