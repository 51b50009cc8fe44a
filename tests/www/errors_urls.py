"""The site's routes plus views that fail on purpose, to see the error pages a visitor would get."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


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
    *site_urlpatterns,
]
