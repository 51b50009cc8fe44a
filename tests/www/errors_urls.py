"""The site's routes plus views that fail on purpose, to see the error pages a visitor would get."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpResponse
from django.urls import path

from config import urls as site_urls


def forbidden(request):
    raise PermissionDenied


def bad_request(request):
    raise SuspiciousOperation("requête falsifiée")


def broken(request):
    raise RuntimeError("panne simulée")


def form(request):
    return HttpResponse("reçu")


urlpatterns = [
    path("essai/interdit/", forbidden),
    path("essai/invalide/", bad_request),
    path("essai/panne/", broken),
    path("essai/formulaire/", form),
    *site_urls.urlpatterns,
]

# The site's own error handlers, when it declares some (Django's defaults otherwise).
for _name in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(site_urls, _name):
        globals()[_name] = getattr(site_urls, _name)
