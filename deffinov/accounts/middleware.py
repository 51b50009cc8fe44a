from django.contrib import messages
from django.shortcuts import redirect

from deffinov.accounts.second_factor import has_active_totp, requires_second_factor

# The pages of the Region's agents and of the admins; the rest of the site stays usable without a second factor.
STAFF_PREFIXES = ("/admin/", "/instruction/", "/comite/", "/expertise/", "/dossiers/", "/projets/")
# The admin's login page sends to the site's login, itself outside the staff pages.
EXEMPT_PATHS = ("/admin/login/", "/admin/logout/")


class SecondFactorRequiredMiddleware:
    """A Region agent or admin without an active TOTP authenticator is sent to set one up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith(STAFF_PREFIXES)
            and not path.startswith(EXEMPT_PATHS)
            and requires_second_factor(request.user)
            and not has_active_totp(request.user)
        ):
            messages.warning(
                request,
                "Votre compte donne accès aux pages de la Région : activez l'authentification à deux facteurs "
                "pour continuer.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
