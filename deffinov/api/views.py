"""« Mon espace » › Jetons d'accès à l'API: a Region agent creates (the secret shown once), lists and revokes them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from deffinov.api import tokens
from deffinov.api.forms import TokenForm
from deffinov.api.models import AccessToken


def require_region_agent(request):
    if not request.user.has_perm("api.manage_tokens"):
        raise Http404("Page introuvable.")


@login_required
@never_cache
def token_list(request):
    """The page lists the agent's own tokens; a valid POST creates one and shows its secret, this once only."""
    require_region_agent(request)
    form = TokenForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = tokens.create_token(
                request.user, form.cleaned_data["name"], form.cleaned_data["scopes"], form.expires_at()
            )
        except tokens.TokenError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            form = TokenForm()
    status = 400 if request.method == "POST" and created is None else 200
    context = {
        "form": form,
        "created": created,
        "secret": secret,
        "tokens": AccessToken.objects.filter(user=request.user),
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request, pk):
    require_region_agent(request)
    token = get_object_or_404(AccessToken, pk=pk, user=request.user)
    if tokens.revoke(token, request.user):
        messages.success(request, f"Le jeton « {token.name} » est révoqué : il n'ouvre plus l'API.")
    else:
        messages.info(request, f"Le jeton « {token.name} » était déjà révoqué.")
    return redirect("api_tokens:list")
