"""Demo accounts, one per role, with confirmed email addresses and a shared password.

The Region's agents and the platform administrator log in with a second factor (TOTP): their authenticator
holds DEMO_TOTP_SECRET, a public demo secret (add it to an authenticator app, or print the current code with
`python manage.py demo_code <email>`).
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from deffinov.accounts.models import User
from deffinov.accounts.roles import Role, forget_roles, role_group
from deffinov.organisations.models import Membership

DEMO_PASSWORD = "demo-deffinov-2026"  # noqa: S105 - public demo password, refused in production
DEMO_TOTP_SECRET = "DEFFINOVDEMOTOTPNORMANDIEDEMO234"  # noqa: S105 - public demo secret, refused in production

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
        "roles": [Role.INSTRUCTOR],
    },
    {
        "email": "comite@demo.deffinov.fr",
        "first_name": "Bernard",
        "last_name": "Guérin",
        "job_title": "Élu, membre du comité de sélection",
        "roles": [Role.COMMITTEE_MEMBER],
    },
    {
        "email": "fonctionnel@demo.deffinov.fr",
        "first_name": "Sophie",
        "last_name": "Duval",
        "job_title": "Administratrice fonctionnelle, Région Normandie",
        "roles": [Role.FUNCTIONAL_ADMIN],
        "is_staff": True,
    },
    {
        "email": "finances@demo.deffinov.fr",
        "first_name": "Marc",
        "last_name": "Lebrun",
        "job_title": "Agent financier, Région Normandie",
        "roles": [Role.FINANCE_OFFICER],
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


def needs_second_factor(spec):
    return bool(spec.get("roles") or spec.get("is_staff") or spec.get("is_superuser"))


def load_second_factor(user):
    """A TOTP authenticator on the demo secret and recovery codes, once."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)


def load_accounts(tally, organisations):
    """Creates or updates the demo accounts and their memberships; returns the users by email."""
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
        user.groups.add(*(role_group(role) for role in spec.get("roles", [])))
        forget_roles(user)
        if needs_second_factor(spec):
            load_second_factor(user)
        for key in spec.get("administers", []):
            Membership.objects.update_or_create(
                user=user, organisation=organisations[key], defaults={"role": Membership.Role.ADMIN}
            )
        users[spec["email"]] = user
    return users
