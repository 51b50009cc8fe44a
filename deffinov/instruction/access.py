"""One access helper for the instruction's pages: the dossier, or 404 for whoever may not see it."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from deffinov.applications.models import Application, State


def instruction_queryset():
    """Dossiers the Region instructs: every one but drafts."""
    return Application.objects.exclude(state=State.DRAFT)


def get_application(user, number, perm="instruction.instruct", queryset=None):
    """The submitted dossier `number` if `user` holds `perm` on it; 404 otherwise, drafts included."""
    queryset = queryset if queryset is not None else instruction_queryset()
    application = queryset.filter(number=number).first()
    if application is None or not user.has_perm(perm, application):
        raise Http404("Dossier introuvable.")
    return application


def staff_required(view):
    """Region staff only: anonymous people are sent to the login page, other people get a 404."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("instruction.instruct"):
            raise Http404("Page introuvable.")
        return view(request, *args, **kwargs)

    return wrapped
