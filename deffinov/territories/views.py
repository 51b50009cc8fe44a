from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from deffinov.territories.forms import CommuneField


class CommuneLookupForm(forms.Form):
    commune = CommuneField(
        label=_("Commune"),
        help_text=_("Nom, code postal ou code INSEE. Exemples : Vire Normandie, 14500, 50502."),
    )


# Public: French communes are open reference data.
@require_GET
def commune_lookup(request):
    """Find a commune and read its codes, département, EPCI and centre (also the autocomplete's showcase)."""
    form = CommuneLookupForm(request.GET if "commune" in request.GET else None, label_suffix="")
    commune = form.cleaned_data["commune"] if form.is_bound and form.is_valid() else None
    if commune:
        commune = type(commune).objects.select_related("department__region", "epci").get(pk=commune.pk)
    return render(request, "territories/commune_lookup.html", {"form": form, "commune": commune})
