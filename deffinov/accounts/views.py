from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from deffinov.accounts.forms import ProfileForm
from deffinov.organisations.models import Invitation


@login_required
def dashboard(request):
    """The signed-in person's home: their structures and the invitations waiting for them."""
    memberships = request.user.memberships.select_related("organisation").order_by("organisation__name")
    invitations = (
        Invitation.objects.pending()
        .filter(email__iexact=request.user.email)
        .select_related("organisation")
        .order_by("-created_at")
    )
    return render(request, "accounts/dashboard.html", {"memberships": memberships, "invitations": invitations})


@login_required
def profile(request):
    """Each person edits only their own profile."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Votre profil a été enregistré."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})
