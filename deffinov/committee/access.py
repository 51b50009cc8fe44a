"""One access helper per object of the committee: the object, or 404 for whoever may not see it."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from deffinov.applications.models import Application, State
from deffinov.committee.models import CommitteeSession

# Instructor-only pages reuse the expertise's decorator: anonymous people log in, anybody else gets a 404.
from deffinov.reviews.access import staff_required  # noqa: F401 (re-exported)


def permission_required(perm):
    """Anonymous people log in; anybody without `perm` (no object) gets a 404."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise Http404("Page introuvable.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def get_session(user, pk, perm="committee.view_session"):
    session = CommitteeSession.objects.select_related("wave__call").filter(pk=pk).first()
    if session is None or not user.has_perm(perm, session):
        raise Http404("Séance introuvable.")
    return session


def get_dossier(user, number, queryset=None):
    """A submitted dossier for Region staff; 404 for anybody else, and for drafts."""
    queryset = queryset if queryset is not None else Application.objects.all()
    application = queryset.exclude(state=State.DRAFT).select_related("wave__call").filter(number=number).first()
    if application is None or not user.has_perm("committee.manage"):
        raise Http404("Dossier introuvable.")
    return application
