from django.urls import reverse

from deffinov.organisations.models import Membership
from tests.organisations.helpers import page_text


def role_url(organisation, membership):
    return reverse("organisations:member_role", args=[organisation.pk, membership.pk])


def remove_url(organisation, membership):
    return reverse("organisations:member_remove", args=[organisation.pk, membership.pk])


def test_an_admin_makes_a_member_admin(client, admin, member, organisation):
    membership = organisation.memberships.get(user=member)
    client.force_login(admin)

    response = client.post(role_url(organisation, membership), {"role": "admin"}, follow=True)

    assert "Paul Leroy est maintenant administrateur." in page_text(response)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMIN


def test_the_last_admin_cannot_step_down(client, admin, organisation):
    membership = organisation.memberships.get(user=admin)
    client.force_login(admin)

    response = client.post(role_url(organisation, membership), {"role": "member"}, follow=True)

    assert (
        "Claire Durand est le seul administrateur de la structure : nommez d'abord un autre administrateur."
        in page_text(response)
    )
    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMIN


def test_an_admin_steps_down_once_another_admin_exists(client, admin, member, organisation):
    organisation.memberships.filter(user=member).update(role=Membership.Role.ADMIN)
    membership = organisation.memberships.get(user=admin)
    client.force_login(admin)

    client.post(role_url(organisation, membership), {"role": "member"})

    membership.refresh_from_db()
    assert membership.role == Membership.Role.MEMBER
    # Now a plain member: the admin pages are closed.
    assert client.get(reverse("organisations:edit", args=[organisation.pk])).status_code == 403


def test_an_unknown_role_changes_nothing(client, admin, member, organisation):
    membership = organisation.memberships.get(user=member)
    client.force_login(admin)
    response = client.post(role_url(organisation, membership), {"role": "owner"}, follow=True)
    assert "Choisissez un rôle dans la liste." in page_text(response)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.MEMBER


def test_an_admin_removes_a_member(client, admin, member, organisation):
    client.force_login(admin)
    response = client.post(remove_url(organisation, organisation.memberships.get(user=member)), follow=True)
    assert "Paul Leroy ne fait plus partie de la structure." in page_text(response)
    assert not organisation.memberships.filter(user=member).exists()


def test_the_last_admin_cannot_be_removed(client, admin, organisation):
    client.force_login(admin)
    response = client.post(remove_url(organisation, organisation.memberships.get(user=admin)), follow=True)
    assert "Claire Durand est le seul administrateur de la structure" in page_text(response)
    assert organisation.memberships.filter(user=admin, role=Membership.Role.ADMIN).exists()


def test_role_and_remove_answer_only_to_post(client, admin, member, organisation):
    client.force_login(admin)
    membership = organisation.memberships.get(user=member)
    assert client.get(remove_url(organisation, membership)).status_code == 405
    assert client.get(role_url(organisation, membership)).status_code == 405
