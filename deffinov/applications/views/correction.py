"""« Renvoyer le dossier »: the chef de file's administrator sends the corrected dossier back from its own page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from deffinov.applications.access import get_application_for_user
from deffinov.applications.rules import is_lead_admin
from deffinov.applications.workflow import TransitionError
from deffinov.instruction import transitions


@login_required
@require_POST
def resubmit(request, number):
    application = get_application_for_user(request.user, number, "applications.view_application")
    # The predicate itself: a platform administrator holds every permission, but speaks for no consortium.
    if not is_lead_admin(request.user, application):
        raise Http404("Dossier introuvable.")
    try:
        transitions.resubmit(application, request.user)
    except TransitionError as error:
        # The banner lists the rules that still block, with links to the sections; nothing is lost.
        messages.error(request, error.message)
        return redirect(f"{application.get_absolute_url()}#correction")
    messages.success(
        request,
        "Le dossier corrigé est renvoyé à la Région. Chaque membre du collectif reçoit un nouvel accusé de réception.",
    )
    return redirect(application)
