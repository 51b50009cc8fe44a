from django.shortcuts import get_object_or_404, render

from deffinov.organisations.models import Organisation


def organisation_detail(request, pk):
    return render(request, "organisations/detail.html", {"organisation": get_object_or_404(Organisation, pk=pk)})
