"""Who may do what on a dossier. Autodiscovered by django-rules; checked with user.has_perm(perm, application).

People of the accepted member structures (members and associated partners) write the dossier together;
the chef de file's administrators manage the consortium, submit and withdraw; Region staff read everything.
"""

import rules

from deffinov.accounts.roles import is_region_agent
from deffinov.applications.models import State
from deffinov.organisations.models import Membership


def standing(user, application):
    """The user's place in the dossier, computed once per user and dossier object."""
    if application is None or not user.is_authenticated:
        return {"organisations": set(), "admin_of": set(), "lead": None}
    cache = application.__dict__.setdefault("_standing_cache", {})
    if user.pk not in cache:
        participations = application.participations.filter(status="accepted").values_list("organisation_id", "is_lead")
        accepted = dict(participations)
        roles = dict(
            Membership.objects.filter(user=user, organisation_id__in=accepted).values_list("organisation_id", "role")
        )
        cache[user.pk] = {
            "organisations": set(roles),
            "admin_of": {pk for pk, role in roles.items() if role == Membership.Role.ADMIN},
            "lead": next((pk for pk, lead in accepted.items() if lead), None),
        }
    return cache[user.pk]


@rules.predicate
def is_consortium_person(user, application):
    """A person of an accepted member structure (member or associated partner)."""
    return bool(standing(user, application)["organisations"])


@rules.predicate
def is_lead_admin(user, application):
    place = standing(user, application)
    return place["lead"] is not None and place["lead"] in place["admin_of"]


@rules.predicate
def was_submitted(user, application):
    """Past the draft: a draft is the consortium's own, which the Region never reads."""
    return application is not None and application.state != State.DRAFT


rules.add_perm("applications.view_application", is_consortium_person | (is_region_agent & was_submitted))
rules.add_perm("applications.change_application", is_consortium_person)
rules.add_perm("applications.manage_consortium", is_lead_admin)
rules.add_perm("applications.submit_application", is_lead_admin)
rules.add_perm("applications.withdraw_application", is_lead_admin)
rules.add_perm("applications.download_receipt", is_consortium_person | is_region_agent)
rules.add_perm("applications.download_dossier", is_consortium_person | (is_region_agent & was_submitted))
