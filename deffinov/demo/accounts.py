"""Demo accounts, one per role, with confirmed email addresses and a shared password."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission

from deffinov.accounts.models import User
from deffinov.organisations.models import Membership

DEMO_PASSWORD = "demo-deffinov-2026"  # noqa: S105 - public demo password, refused in production
INSTRUCTORS_GROUP = "Instructeurs"
# Instructors read everything the programme holds; they change nothing through the admin by default.
INSTRUCTOR_VIEW_APPS = ["accounts", "organisations", "territories", "calls", "applications", "eligibility"]

ACCOUNTS = [
    {
        "email": "candidat@demo.deffinov.fr",
        "first_name": "Claire",
        "last_name": "Lemonnier",
        "job_title": "Coordinatrice du tiers-lieu",
        "administers": ["fabrique-bocage"],
    },
    {
        "email": "formation@demo.deffinov.fr",
        "first_name": "Hugo",
        "last_name": "Marie",
        "job_title": "Responsable pédagogique",
        "administers": ["bocage-formation"],
    },
    {
        "email": "instructeur@demo.deffinov.fr",
        "first_name": "Inès",
        "last_name": "Lefèvre",
        "job_title": "Chargée de mission, Région Normandie",
        "is_staff": True,
        "groups": [INSTRUCTORS_GROUP],
    },
    {
        "email": "admin@demo.deffinov.fr",
        "first_name": "Alix",
        "last_name": "Hébert",
        "job_title": "Administratrice de la plateforme",
        "is_staff": True,
        "is_superuser": True,
    },
]


def load_instructors_group(tally):
    group, created = Group.objects.get_or_create(name=INSTRUCTORS_GROUP)
    tally.record("groupes", created)
    permissions = Permission.objects.filter(
        codename__startswith="view_", content_type__app_label__in=INSTRUCTOR_VIEW_APPS
    )
    group.permissions.add(*permissions)
    return group


def load_accounts(tally, organisations):
    """Creates or updates the demo accounts and their memberships; returns the users by email."""
    groups = {INSTRUCTORS_GROUP: load_instructors_group(tally)}
    users = {}
    for spec in ACCOUNTS:
        user, created = User.objects.update_or_create(
            email=spec["email"],
            defaults={
                "first_name": spec["first_name"],
                "last_name": spec["last_name"],
                "job_title": spec["job_title"],
                "is_active": True,
                "is_staff": spec.get("is_staff", False),
                "is_superuser": spec.get("is_superuser", False),
            },
        )
        tally.record("comptes", created)
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=spec["email"], defaults={"verified": True, "primary": True}
        )
        for name in spec.get("groups", []):
            user.groups.add(groups[name])
        for key in spec.get("administers", []):
            Membership.objects.update_or_create(
                user=user, organisation=organisations[key], defaults={"role": Membership.Role.ADMIN}
            )
        users[spec["email"]] = user
    return users
