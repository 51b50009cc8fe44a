from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from deffinov.accounts.forms import ProfileForm
from deffinov.accounts.todo import home_of


@login_required
def dashboard(request):
    """The signed-in person's home: what each of their roles has to do next."""
    return render(request, "accounts/dashboard.html", {"home": home_of(request.user)})


@login_required
def profile(request):
    """Each person edits only their own profile."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Votre profil a été enregistré."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


def admin_login(request):
    """The admin's login page is the site's: one form, one lockout, one second factor for every login."""
    target = request.GET.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(target)
        raise PermissionDenied("Ce compte n'ouvre pas l'administration de la plateforme.")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")
