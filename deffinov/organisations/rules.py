"""Who may do what on a structure. Autodiscovered by django-rules; checked with user.has_perm(perm, organisation)."""

import rules

from deffinov.accounts.roles import is_functional_admin, is_region_agent
from deffinov.organisations.models import Membership


def _role(user, organisation):
    if organisation is None or not user.is_authenticated:
        return None
    # A view may prefetch the requesting user's membership to avoid a query per check.
    cache = getattr(organisation, "_roles_cache", None)
    if cache is None:
        cache = organisation._roles_cache = {}
    if user.pk not in cache:
        cache[user.pk] = (
            Membership.objects.filter(organisation=organisation, user=user).values_list("role", flat=True).first()
        )
    return cache[user.pk]


@rules.predicate
def is_organisation_member(user, organisation):
    return _role(user, organisation) is not None


@rules.predicate
def is_organisation_admin(user, organisation):
    return _role(user, organisation) == Membership.Role.ADMIN


rules.add_perm("organisations.view_members", is_organisation_member | is_region_agent)
rules.add_perm("organisations.change_organisation", is_organisation_admin)
rules.add_perm("organisations.invite", is_organisation_admin)
rules.add_perm("organisations.manage_members", is_organisation_admin)


# Claims: the real owner of a registered SIRET asks to administer the structure.


@rules.predicate
def is_claimant(user, claim):
    return claim is not None and user.is_authenticated and claim.claimant_id == user.pk


@rules.predicate
def administers_claimed_organisation(user, claim):
    return claim is not None and is_organisation_admin(user, claim.organisation)


@rules.predicate
def region_may_decide(user, claim):
    """The administrators left the claim unanswered past CLAIM_ANSWER_DAYS."""
    return claim is not None and claim.region_may_decide


rules.add_perm("organisations.view_claim", is_claimant | administers_claimed_organisation | is_functional_admin)
rules.add_perm(
    "organisations.decide_claim", administers_claimed_organisation | (is_functional_admin & region_may_decide)
)
rules.add_perm("organisations.review_claims", is_functional_admin)
