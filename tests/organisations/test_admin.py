from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.accounts.factories import UserFactory
from tests.organisations.factories import InvitationFactory


def test_the_admin_finds_a_structure_by_siren_and_lists_its_kinds(client, organisation):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:organisations_organisation_changelist"), {"q": organisation.siren})
    assertContains(response, "La Fabrique du Bocage")
    assertContains(response, "Tiers-lieu")
    change = client.get(reverse("admin:organisations_organisation_change", args=[organisation.pk]))
    assertContains(change, "Claire Durand")  # the membership inline


def test_the_admin_lists_invitations(client, organisation):
    InvitationFactory(organisation=organisation, email="camille@exemple.fr")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:organisations_invitation_changelist"))
    assertContains(response, "camille@exemple.fr")
