from time import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from deffinov.accounts.models import User
from deffinov.accounts.roles import Role, forget_roles, role_group

PASSWORD = "tiers-lieu-Vire-2024"
# The TOTP secret of every factory-made second factor (base32, as an authenticator app stores it).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(at=None, secret=TOTP_SECRET):
    """The code an authenticator app shows at `at` (a timestamp; now by default)."""
    return format_hotp_value(hotp_value(secret, int(at if at is not None else time()) // 30))


def _role_declaration(role):
    def add_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(role_group(role))
            forget_roles(user)

    return factory.Maybe(role.value, yes_declaration=factory.PostGeneration(add_group))


class UserFactory(factory.django.DjangoModelFactory):
    """A person whose email address is confirmed, able to log in with PASSWORD.

    Region roles: `instructor=True`, `committee_member=True`, `functional_admin=True`, `finance_officer=True`,
    `expert=True` put the person in the role's group. `staff=True` is an alias of `instructor=True` (an instructor
    who may also open the admin), kept for the tests written before the roles existed.

    Region agents and admins (`is_staff`, `is_superuser`) get an active TOTP authenticator on TOTP_SECRET and
    recovery codes, as the platform requires; `second_factor=False` makes one without.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.fr")
    first_name = "Dominique"
    last_name = "Martin"
    password = factory.django.Password(PASSWORD)
    is_staff = False
    is_superuser = False

    class Params:
        instructor = False
        committee_member = False
        functional_admin = False
        finance_officer = False
        expert = False
        staff = factory.Trait(is_staff=True, instructor=True)
        second_factor = factory.LazyAttribute(
            lambda o: bool(
                o.is_staff
                or o.is_superuser
                or o.instructor
                or o.committee_member
                or o.functional_admin
                or o.finance_officer
            )
        )

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)

    in_instructor_group = _role_declaration(Role.INSTRUCTOR)
    in_committee_member_group = _role_declaration(Role.COMMITTEE_MEMBER)
    in_functional_admin_group = _role_declaration(Role.FUNCTIONAL_ADMIN)
    in_finance_officer_group = _role_declaration(Role.FINANCE_OFFICER)
    in_expert_group = _role_declaration(Role.EXPERT)

    totp = factory.Maybe(
        "second_factor",
        yes_declaration=factory.PostGeneration(
            lambda user, create, extracted, **kwargs: (
                create and (TOTP.activate(user, TOTP_SECRET), RecoveryCodes.activate(user))
            )
        ),
    )
