"""The Region's roles: one named group per role, its Django permissions, and the predicates every app checks.

A role is a membership of a named group, nothing else: `is_staff` only opens the admin, `is_superuser` makes a
platform administrator (who passes every `has_perm` check, as Django does for superusers). Apps import the
predicates from here; none defines what « staff » means on its own.
"""

import rules
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INSTRUCTOR = "instructor", _("Instructeur")
    COMMITTEE_MEMBER = "committee_member", _("Membre du comité")
    FUNCTIONAL_ADMIN = "functional_admin", _("Administrateur fonctionnel")
    FINANCE_OFFICER = "finance_officer", _("Agent financier")
    EXPERT = "expert", _("Expert")


# The group of each role, named in French as the admin shows it. Stored names: never translate them at run time.
GROUP_NAMES = {
    Role.INSTRUCTOR: "Instructeur",
    Role.COMMITTEE_MEMBER: "Membre du comité",
    Role.FUNCTIONAL_ADMIN: "Administrateur fonctionnel",
    Role.FINANCE_OFFICER: "Agent financier",
    Role.EXPERT: "Expert",
}

# The roles of the Region's own agents (experts are outsiders invited on a dossier).
REGION_ROLES = (Role.INSTRUCTOR, Role.COMMITTEE_MEMBER, Role.FUNCTIONAL_ADMIN, Role.FINANCE_OFFICER)

_READ_PROGRAMME = [
    f"{app}.view_{model}"
    for app, model_names in {
        "organisations": ["organisation", "membership"],
        "territories": ["region", "department", "epci", "commune"],
        "calls": ["call", "wave", "tierslieucriterion", "event", "resource", "budgetcategory", "documentrequirement"],
        "applications": ["application", "participation", "expenseline", "resourceline", "document", "receipt"],
    }.items()
    for model in model_names
]
_CHANGE_CALLS = [
    f"calls.{action}_{model}"
    for action in ("add", "change", "delete")
    for model in ("call", "wave", "tierslieucriterion", "event", "resource", "budgetcategory", "documentrequirement")
] + [f"reviews.{action}_scoringcriterion" for action in ("add", "change", "delete", "view")]
_CHANGE_CALLS += [f"applications.{action}_extraquestion" for action in ("add", "change", "delete", "view")]
_READ_DECISIONS = [
    "committee.view_committeesession",
    "committee.view_agendaitem",
    "committee.view_decision",
    "committee.view_decisionletter",
]

# Django permissions of each group, for the admin (what the rules below allow in the site is separate).
ROLE_PERMISSIONS = {
    Role.INSTRUCTOR: _READ_PROGRAMME + _READ_DECISIONS + ["instruction.view_label", "instruction.view_assignment"],
    Role.COMMITTEE_MEMBER: ["calls.view_call", "calls.view_wave", *_READ_DECISIONS],
    Role.FUNCTIONAL_ADMIN: _READ_PROGRAMME + _CHANGE_CALLS + ["instruction.add_label", "instruction.change_label"],
    Role.FINANCE_OFFICER: _READ_PROGRAMME + _READ_DECISIONS,
    Role.EXPERT: [],
}


def ensure_role_groups(group_model=Group, permission_model=Permission):
    """Creates the group of every role and gives it its permissions; idempotent.

    Run after every `migrate` (AccountsConfig), once every app's permissions exist; the data migration
    accounts/0002 creates the groups themselves."""
    groups = {}
    for role, name in GROUP_NAMES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        wanted = ROLE_PERMISSIONS[role]
        if wanted:
            query = models.Q()
            for perm in wanted:
                app_label, codename = perm.split(".")
                query |= models.Q(content_type__app_label=app_label, codename=codename)
            group.permissions.add(*permission_model.objects.filter(query))
        groups[role] = group
    return groups


def role_group(role):
    """The group of a role (created if the database lacks it)."""
    return Group.objects.get_or_create(name=GROUP_NAMES[Role(role)])[0]


def roles_of(user):
    """The roles of a user, read once per user object (one query per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = user.__dict__.get("_roles_cache")
    if cached is None:
        names = {name: role for role, name in GROUP_NAMES.items()}
        cached = frozenset(names[name] for name in user.groups.filter(name__in=names).values_list("name", flat=True))
        user.__dict__["_roles_cache"] = cached
    return cached


def forget_roles(user):
    """Drops the cached roles after the user's groups changed."""
    user.__dict__.pop("_roles_cache", None)


def has_role(user, role):
    return Role(role) in roles_of(user)


def has_region_role(user):
    return bool(roles_of(user) & set(REGION_ROLES))


@rules.predicate
def is_instructor(user):
    return has_role(user, Role.INSTRUCTOR)


@rules.predicate
def is_committee_member(user):
    return has_role(user, Role.COMMITTEE_MEMBER)


@rules.predicate
def is_functional_admin(user):
    return has_role(user, Role.FUNCTIONAL_ADMIN)


@rules.predicate
def is_finance_officer(user):
    return has_role(user, Role.FINANCE_OFFICER)


@rules.predicate
def is_expert(user):
    return has_role(user, Role.EXPERT)


@rules.predicate
def is_region_agent(user):
    """Any of the Region's own roles: instructor, committee member, functional admin or finance officer."""
    return has_region_role(user)


@rules.predicate
def is_platform_admin(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)
