from datetime import timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from deffinov.organisations.models import Membership
from tests.accounts.factories import UserFactory
from tests.organisations.factories import InvitationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def register_url():
    try:
        return reverse("organisations:register")
    except NoReverseMatch:
        return "/structures/inscrire/"


def test_the_dashboard_lists_my_structures_with_my_role(client, user, django_assert_num_queries):
    vire = OrganisationFactory(name="Tiers-lieu de Vire", admins=[user])
    OrganisationFactory(name="Formations du Bocage", organisme_formation=True, members=[user])
    OrganisationFactory(name="Structure d'un autre", members=[UserFactory()])
    client.force_login(user)

    # Session, user, the roles (for the navigation), memberships with their structures, invitations: no query per
    # structure.
    with django_assert_num_queries(5):
        response = client.get(reverse("accounts:dashboard"))

    html = response.text
    assert "Bonjour Camille" in html
    assert f'<a href="{vire.get_absolute_url()}">Tiers-lieu de Vire</a>' in html
    assert "Formations du Bocage" in html
    assert html.index("Formations du Bocage") < html.index("Tiers-lieu de Vire")
    assert Membership.Role.ADMIN.label in html
    assert Membership.Role.MEMBER.label in html
    assert "Structure d&#x27;un autre" not in html
    assert f'href="{register_url()}">Inscrire une structure</a>' in html


def test_a_newcomer_is_invited_to_register_a_structure(client, user):
    client.force_login(user)

    html = client.get(reverse("accounts:dashboard")).text

    assert "Vous n'êtes membre d'aucune structure pour l'instant." in html
    assert "Inscrire une structure" in html


def test_pending_invitations_for_my_address_are_shown(client, user):
    InvitationFactory(organisation=OrganisationFactory(name="Campus connecté de Saint-Lô"), email=user.email.upper())
    InvitationFactory(
        organisation=OrganisationFactory(name="Fablab expiré"),
        email=user.email,
        expires_at=timezone.now() - timedelta(days=1),
    )
    InvitationFactory(organisation=OrganisationFactory(name="Invitation pour un autre"), email="autre@example.fr")
    client.force_login(user)

    html = client.get(reverse("accounts:dashboard")).text

    assert "Invitations en attente" in html
    assert "Campus connecté de Saint-Lô" in html
    assert "Fablab expiré" not in html
    assert "Invitation pour un autre" not in html


def test_without_invitations_the_section_is_absent(client, user):
    client.force_login(user)

    assert "Invitations en attente" not in client.get(reverse("accounts:dashboard")).text


def test_only_staff_see_the_link_to_the_administration(client, user):
    client.force_login(user)
    assert "Administration de la plateforme" not in client.get(reverse("accounts:dashboard")).text

    client.force_login(UserFactory(staff=True))
    assert f'<a href="{reverse("admin:index")}">Administration de la plateforme</a>' in (
        client.get(reverse("accounts:dashboard")).text
    )
