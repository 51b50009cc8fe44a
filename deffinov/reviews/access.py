"""One access helper per object of the expertise: the object, or 404 for whoever may not see it."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from deffinov.applications.models import Application, State
from deffinov.organisations.addressees import is_addressee
from deffinov.reviews.models import ExpertInvitation


def staff_required(view):
    """Region staff only: anonymous people are sent to the login page, anybody else gets a 404."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("reviews.score"):
            raise Http404("Page introuvable.")
        return view(request, *args, **kwargs)

    return wrapped


def get_dossier_for_staff(user, number, queryset=None):
    """A submitted dossier (never a draft) for Region staff; 404 for anybody else."""
    queryset = queryset if queryset is not None else Application.objects.all()
    application = queryset.exclude(state=State.DRAFT).select_related("wave__call").filter(number=number).first()
    if application is None or not user.has_perm("reviews.score"):
        raise Http404("Dossier introuvable.")
    return application


def get_invitation_for_expert(user, pk):
    """The invitation `pk` if `user` is its expert, still holding the invited address confirmed; 404 otherwise,
    staff included (they use the staff pages)."""
    invitation = (
        ExpertInvitation.objects.of_expert(user).select_related("application__wave__call").filter(pk=pk).first()
    )
    if invitation is None or invitation.status == ExpertInvitation.Status.REVOKED:
        raise Http404("Avis introuvable.")
    if not is_addressee(user, invitation.email):
        raise Http404("Avis introuvable.")
    return invitation
