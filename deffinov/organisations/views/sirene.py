from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from deffinov.organisations import sirene
from deffinov.organisations.forms import OrganisationForm
from deffinov.organisations.models import Organisation, siret_already_registered_message
from deffinov.organisations.validators import clean_digits, validate_siret


@login_required
@require_POST
def sirene_lookup(request):
    """HTMX, from the registration form: what SIRENE says of the SIRET typed, and the fields it fills."""
    siret = clean_digits(request.POST.get("siret", ""))
    if len(siret) != 14:
        return HttpResponse(status=204)
    context = {}
    try:
        validate_siret(siret)
    except ValidationError as error:
        return render(
            request, "organisations/includes/sirene_lookup.html", {"lookup": "refused", "message": error.messages[0]}
        )
    existing = Organisation.objects.filter(siret=siret).first()
    if existing:
        context = {
            "lookup": "registered",
            "organisation": existing,
            "message": siret_already_registered_message(existing),
        }
        return render(request, "organisations/includes/sirene_lookup.html", context)
    try:
        identity = sirene.lookup(siret)
    except sirene.SireneError as error:
        context = {"lookup": "refused", "message": error.message}
    except sirene.SireneUnavailable:
        context = {"lookup": "unavailable"}
    else:
        typed = {key: value for key, value in request.POST.items() if key != "csrfmiddlewaretoken"}
        context = {
            "lookup": "found",
            "identity": identity,
            "form": OrganisationForm(initial={**typed, **identity.form_values()}),
        }
    return render(request, "organisations/includes/sirene_lookup.html", context)
