"""Region roles are named groups; `is_staff` only opens the admin and grants nothing in the site."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from deffinov.accounts.roles import GROUP_NAMES, Role, ensure_role_groups, has_role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/instruction/", "/comite/"])
def test_a_staff_account_without_a_role_is_refused_the_region_pages(client, url):
    client.force_login(UserFactory(is_staff=True))

    # Refused as any outsider is: the Region pages answer « Page introuvable » to whoever lacks the role.
    assert client.get(url).status_code in (403, 404)


@pytest.mark.parametrize("url", ["/instruction/", "/comite/"])
def test_an_instructor_reaches_the_region_pages(client, url):
    client.force_login(UserFactory(instructor=True))

    assert client.get(url).status_code == 200


def test_a_staff_account_without_a_role_can_neither_instruct_nor_decide():
    user = UserFactory(is_staff=True)

    assert not user.has_perm("instruction.instruct")
    assert not user.has_perm("committee.decide")
    assert not user.has_perm("reviews.score")


def test_every_role_has_its_group_named_in_french():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Instructeur",
        "Membre du comité",
        "Administrateur fonctionnel",
        "Agent financier",
        "Expert",
    }


def test_role_groups_are_created_once_with_their_permissions():
    ensure_role_groups()
    ensure_role_groups()

    assert Group.objects.filter(name__in=GROUP_NAMES.values()).count() == len(Role)
    functional_admin = Group.objects.get(name=GROUP_NAMES[Role.FUNCTIONAL_ADMIN])
    assert functional_admin.permissions.filter(codename="change_call").exists()
    assert (
        not Group.objects.get(name=GROUP_NAMES[Role.COMMITTEE_MEMBER])
        .permissions.filter(codename="change_call")
        .exists()
    )


@pytest.mark.parametrize("role", list(Role))
def test_each_factory_trait_gives_its_role(role):
    user = UserFactory(**{role.value: True})

    assert has_role(user, role)
    assert [other for other in Role if has_role(user, other)] == [role]


def test_staff_trait_is_an_instructor_who_opens_the_admin():
    user = UserFactory(staff=True)

    assert user.is_staff and has_role(user, Role.INSTRUCTOR)


def test_roles_are_read_once_per_user_object(django_assert_num_queries):
    user = UserFactory(instructor=True)
    user = type(user).objects.get(pk=user.pk)

    with django_assert_num_queries(1):
        assert has_role(user, Role.INSTRUCTOR)
        assert not has_role(user, Role.EXPERT)
        assert user.is_region_agent


def test_the_user_list_shows_each_person_s_roles(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    UserFactory(email="lucie@normandie.fr", instructor=True, committee_member=True)

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert "Instructeur, Membre du comité" in response.text
