from django.core.exceptions import PermissionDenied
from django.http import Http404

from deffinov.applications.facts import with_dossier


def get_application_for_user(user, number, perm, queryset=None):
    """The dossier if `user` holds `perm` on it: 404 for outsiders, 403 for those who may only read it."""
    queryset = queryset if queryset is not None else with_dossier()
    application = queryset.filter(number=number).first()
    if application is None or not user.has_perm("applications.view_application", application):
        raise Http404("Dossier introuvable.")
    if perm != "applications.view_application" and not user.has_perm(perm, application):
        raise PermissionDenied
    return application
