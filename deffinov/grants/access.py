from django.core.exceptions import PermissionDenied
from django.http import Http404

from deffinov.grants.models import FundedProject


def get_project_for_user(user, number, perm="grants.view_project"):
    """The funded project if `user` holds `perm` on it: 404 for outsiders, 403 for those who may only read it."""
    project = (
        FundedProject.objects.select_related("application__wave__call", "decision__session")
        .filter(application__number=number)
        .first()
    )
    if project is None or not user.has_perm("grants.view_project", project):
        raise Http404("Projet introuvable.")
    if perm != "grants.view_project" and not user.has_perm(perm, project):
        raise PermissionDenied
    return project
