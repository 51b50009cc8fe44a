"""Staff side of the expertise: invite experts on a dossier, follow their answers, revoke an invitation."""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from deffinov.reviews import experts
from deffinov.reviews.access import get_dossier_for_staff, staff_required
from deffinov.reviews.forms import InviteExpertForm
from deffinov.reviews.models import ExpertInvitation


@staff_required
def dossier_experts(request, number):
    """Region staff only: every invitation of the dossier, confidential opinions included."""
    application = get_dossier_for_staff(request.user, number)
    form = InviteExpertForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        invitation = experts.invite(
            application,
            form.cleaned_data["email"],
            form.cleaned_data["deadline"],
            form.cleaned_data["confidential"],
            request.user,
        )
        messages.success(request, f"{invitation.email} est invité à donner son avis ; un courriel lui est envoyé.")
        return redirect("reviews:dossier_experts", number=application.number)
    # The account that took an invitation up is named only if it holds the invited address, confirmed: never one
    # person's name beside another's address.
    holds_address = EmailAddress.objects.filter(user=OuterRef("user"), email__iexact=OuterRef("email"), verified=True)
    invitations = application.expert_invitations.select_related("user", "invited_by").annotate(
        taken_up_by_addressee=Exists(holds_address)
    )
    context = {"application": application, "form": form, "invitations": invitations}
    return render(request, "reviews/dossier_experts.html", context, status=422 if form.errors else 200)


@staff_required
@require_POST
def revoke(request, pk):
    """Region staff only."""
    invitation = get_object_or_404(ExpertInvitation.objects.select_related("application"), pk=pk)
    try:
        experts.revoke(invitation, request.user)
    except experts.ExpertError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"L'invitation adressée à {invitation.email} est révoquée : le dossier ne lui est plus accessible."
        )
    return redirect("reviews:dossier_experts", number=invitation.application.number)
