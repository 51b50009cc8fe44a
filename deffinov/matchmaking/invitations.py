"""From a suggestion, one click invites its structure into a dossier in progress, through the consortium's own
invitation (deffinov.applications.consortium)."""

from deffinov.applications import consortium
from deffinov.applications.access import get_application_for_user
from deffinov.applications.models import Application, Participation
from deffinov.organisations.models import Membership

MANAGE = "applications.manage_consortium"


class InvitationRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def dossiers_for_inviting(user):
    """Drafts whose lead structure `user` administers, most recently changed first."""
    if not user.is_authenticated:
        return []
    return list(
        Application.objects.drafts()
        .filter(
            participations__is_lead=True,
            participations__organisation__memberships__user=user,
            participations__organisation__memberships__role=Membership.Role.ADMIN,
        )
        .distinct()
        .order_by("-updated_at", "-pk")
    )


def invite(user, ad, number):
    """Invite the ad's structure into the dossier `number`, as a counted member; French refusals."""
    application = get_application_for_user(user, number, MANAGE)
    try:
        consortium.invite_organisation(application, ad.organisation, Participation.Role.MEMBER, user)
    except consortium.ConsortiumError as error:
        raise InvitationRefused(error.message) from error
    return application
