"""Who gets what on each page of a structure: exact status codes for every kind of visitor."""

import pytest
from django.urls import reverse

from deffinov.organisations.models import Membership
from tests.organisations.factories import InvitationFactory

LOGIN = reverse("account_login")


@pytest.fixture
def people(admin, member, outsider, staff):
    return {"anonymous": None, "outsider": outsider, "member": member, "admin": admin, "staff": staff}


def visit(client, people, who, method, url):
    if people[who]:
        client.force_login(people[who])
    return getattr(client, method)(url)


def urls(organisation):
    invitation = InvitationFactory(organisation=organisation, email="nouveau@exemple.fr")
    membership = organisation.memberships.get(role=Membership.Role.MEMBER)
    return {
        "detail": ("get", reverse("organisations:detail", args=[organisation.pk])),
        "edit": ("get", reverse("organisations:edit", args=[organisation.pk])),
        "invite": ("get", reverse("organisations:invite", args=[organisation.pk])),
        "invitation_revoke": (
            "post",
            reverse("organisations:invitation_revoke", args=[organisation.pk, invitation.pk]),
        ),
        "member_role": ("post", reverse("organisations:member_role", args=[organisation.pk, membership.pk])),
        "member_remove": ("post", reverse("organisations:member_remove", args=[organisation.pk, membership.pk])),
        "invitation_accept": ("get", reverse("organisations:invitation_accept", args=[invitation.token])),
        "register": ("get", reverse("organisations:register")),
    }


# Status code per view and visitor; 302 to the login page for anonymous visitors of private pages.
MATRIX = {
    #                    anonymous outsider member admin staff
    "detail": (200, 200, 200, 200, 200),
    "edit": (302, 404, 403, 200, 403),
    "invite": (302, 404, 403, 200, 403),
    "invitation_revoke": (302, 404, 403, 302, 403),
    "member_role": (302, 404, 403, 302, 403),
    "member_remove": (302, 404, 403, 302, 403),
    "invitation_accept": (200, 403, 403, 403, 403),  # the addressee's only (see test_invitation_addressee.py)
    "register": (302, 200, 200, 200, 200),
}
WHO = ["anonymous", "outsider", "member", "admin", "staff"]


@pytest.mark.parametrize("view", MATRIX)
@pytest.mark.parametrize("who", WHO)
def test_permission_matrix(client, people, organisation, view, who):
    method, url = urls(organisation)[view]
    response = visit(client, people, who, method, url)
    expected = MATRIX[view][WHO.index(who)]
    assert response.status_code == expected
    if who == "anonymous" and expected == 302:
        assert response["Location"].startswith(f"{LOGIN}?next=")


@pytest.mark.parametrize(
    ("who", "sees_members", "sees_invitations_and_actions"),
    [
        ("anonymous", False, False),
        ("outsider", False, False),
        ("member", True, False),
        ("admin", True, True),
        ("staff", True, False),
    ],
)
def test_structure_page_shows_members_and_actions_only_to_those_allowed(
    client, people, organisation, who, sees_members, sees_invitations_and_actions
):
    InvitationFactory(organisation=organisation, email="nouveau@exemple.fr")
    response = visit(client, people, who, "get", organisation.get_absolute_url())
    content = response.content.decode()

    # Public information, for everyone.
    assert "La Fabrique du Bocage" in content
    assert "Vire Normandie (Calvados)" in content
    assert '<span class="badge badge--kind">Tiers-lieu</span>' in content
    # Members with their roles.
    assert ("Claire Durand" in content) is sees_members
    assert ("Paul Leroy" in content) is sees_members
    # Pending invitations and the actions.
    assert ("nouveau@exemple.fr" in content) is sees_invitations_and_actions
    assert (reverse("organisations:edit", args=[organisation.pk]) in content) is sees_invitations_and_actions
    assert (reverse("organisations:invite", args=[organisation.pk]) in content) is sees_invitations_and_actions


def test_a_superuser_may_act_on_any_structure(client, organisation):
    from tests.accounts.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("organisations:edit", args=[organisation.pk])).status_code == 200


def test_an_unknown_structure_is_a_404(client, admin, organisation):
    client.force_login(admin)
    assert client.get(reverse("organisations:detail", args=[organisation.pk + 1])).status_code == 404
    assert client.get(reverse("organisations:edit", args=[organisation.pk + 1])).status_code == 404


def test_a_membership_of_another_structure_is_a_404(client, admin, organisation):
    from tests.organisations.factories import MembershipFactory

    elsewhere = MembershipFactory()
    client.force_login(admin)
    url = reverse("organisations:member_remove", args=[organisation.pk, elsewhere.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_the_structure_page_costs_a_fixed_number_of_queries(client, admin, organisation, django_assert_num_queries):
    from tests.accounts.factories import UserFactory

    client.force_login(admin)
    # Warm up: session and user, then the page once (its navigation reads the person's roles once).
    # The administrators also read the open claims on their structure.
    client.get(organisation.get_absolute_url())
    with django_assert_num_queries(8):
        client.get(organisation.get_absolute_url())
    for n in range(5):
        Membership.objects.create(organisation=organisation, user=UserFactory())
        InvitationFactory(organisation=organisation, email=f"collegue{n}@exemple.fr")
    with django_assert_num_queries(8):
        response = client.get(organisation.get_absolute_url())
    assert response.content.decode().count("<td>collegue") == 5
