"""The « Historique » tab: a dossier's dated events, for its collectif and for the Region."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from deffinov.accounts.roles import has_region_role
from deffinov.applications.access import get_application_for_user
from deffinov.applications.models import Application, State
from deffinov.applications.rules import is_consortium_person
from deffinov.applications.timeline import timeline


@login_required
@require_GET
def timeline_page(request, number):
    queryset = Application.objects.select_related("wave__call", "created_by")
    application = get_application_for_user(request.user, number, "applications.view_application", queryset=queryset)
    staff = has_region_role(request.user)
    # A draft is the collectif's own business until it is filed.
    if application.state == State.DRAFT and not is_consortium_person(request.user, application):
        raise Http404("Dossier introuvable.")
    context = {
        "application": application,
        "events": timeline(application, staff=staff),
        "staff": staff,
        "tab": "timeline",
    }
    return render(request, "applications/timeline.html", context)
