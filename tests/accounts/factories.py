import factory
from allauth.account.models import EmailAddress

from deffinov.accounts.models import User
from deffinov.accounts.roles import Role, forget_roles, role_group

PASSWORD = "tiers-lieu-Vire-2024"


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
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.fr")
    first_name = "Dominique"
    last_name = "Martin"
    password = factory.django.Password(PASSWORD)

    class Params:
        instructor = False
        committee_member = False
        functional_admin = False
        finance_officer = False
        expert = False
        staff = factory.Trait(is_staff=True, instructor=True)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)

    in_instructor_group = _role_declaration(Role.INSTRUCTOR)
    in_committee_member_group = _role_declaration(Role.COMMITTEE_MEMBER)
    in_functional_admin_group = _role_declaration(Role.FUNCTIONAL_ADMIN)
    in_finance_officer_group = _role_declaration(Role.FINANCE_OFFICER)
    in_expert_group = _role_declaration(Role.EXPERT)
