from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from deffinov.organisations.access import get_claim_for_user
from deffinov.organisations.claims import ClaimError
from deffinov.organisations.emails import send_claim_decided_email, send_claim_requested_email
from deffinov.organisations.models import Claim, Organisation


class ClaimForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Votre lien avec la structure"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy(
            "Votre fonction et ce qui l'atteste, par exemple : « Directrice de l'association, "
            "signataire des statuts ». Les administrateurs de la structure, à défaut la Région, le liront."
        ),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("refuse", "refuse")])
    reason = forms.CharField(required=False, max_length=2000)


@login_required
def claim_create(request, pk):
    """Somebody who is not a member asks to administer a registered structure."""
    organisation = get_object_or_404(Organisation, pk=pk)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = Claim.request(organisation, request.user, form.cleaned_data["message"])
        except ClaimError as error:
            messages.error(request, error.message)
            return redirect(organisation)
        send_claim_requested_email(claim)
        messages.success(
            request,
            _(
                "Votre demande est envoyée aux administrateurs de %(name)s. Sans réponse de leur part, "
                "la Région la tranchera."
            )
            % {"name": organisation.name},
        )
        return redirect(claim)
    return render(request, "organisations/claim_create.html", {"organisation": organisation, "form": form})


@login_required
def claim_detail(request, claim_pk):
    claim = get_claim_for_user(request.user, claim_pk)
    context = {
        "claim": claim,
        "can_decide": claim.is_open and request.user.has_perm("organisations.decide_claim", claim),
    }
    return render(request, "organisations/claim_detail.html", context)


@login_required
@require_POST
def claim_decide(request, claim_pk):
    claim = get_claim_for_user(request.user, claim_pk, "organisations.decide_claim")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    accept = form.cleaned_data["decision"] == "accept"
    as_region = not request.user.has_perm("organisations.change_organisation", claim.organisation)
    try:
        claim.decide(request.user, accept, form.cleaned_data["reason"], as_region=as_region)
    except ClaimError as error:
        messages.error(request, error.message)
        return redirect(claim)
    send_claim_decided_email(claim)
    if accept:
        message = _("%(person)s administre désormais %(name)s.")
    else:
        message = _("La demande de %(person)s pour %(name)s est refusée.")
    messages.success(request, message % {"person": claim.claimant, "name": claim.organisation.name})
    return redirect(claim)


@login_required
def claims_review(request):
    """The Region's page: the claims the administrators left unanswered, which it decides, then the others."""
    if not request.user.has_perm("organisations.review_claims"):
        raise PermissionDenied
    claims = Claim.objects.open().select_related("organisation", "claimant").order_by("created_at")
    context = {
        "awaiting_region": [claim for claim in claims if claim.region_may_decide],
        "awaiting_admins": [claim for claim in claims if not claim.region_may_decide],
    }
    return render(request, "organisations/claims_review.html", context)
