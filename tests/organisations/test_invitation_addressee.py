"""An invitation to join a structure belongs to its addressee: holding the link is not enough."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from deffinov.organisations.models import InvitationForSomebodyElseError
from tests.accounts.factories import UserFactory
from tests.organisations.factories import InvitationFactory
from tests.organisations.helpers import page_text

pytestmark = pytest.mark.django_db

INVITED = "camille@exemple.fr"
SIGNUP = {
    "first_name": "Camille",
    "last_name": "Roux",
    "password1": "Bocage-Numerique-14",
    "password2": "Bocage-Numerique-14",
}


def confirmation_link(message):
    return re.search(r"https?://[^/\s]+(/comptes/[^\s\"<]+)", message.body).group(1)


def test_another_account_holding_the_link_is_refused_and_does_not_join(client, organisation, outsider):
    invitation = InvitationFactory(organisation=organisation, email=INVITED, role="admin")
    client.force_login(outsider)

    page = client.get(invitation.get_absolute_url())
    response = client.post(invitation.get_absolute_url())

    for refused in (page, response):
        assert refused.status_code == 403
        text = page_text(refused)
        assert "Cette invitation a été envoyée à une autre adresse électronique que celle de votre compte" in text
        assert organisation.name not in text and INVITED not in text
    assert not organisation.memberships.filter(user=outsider).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and invitation.accepted_by is None
    with pytest.raises(InvitationForSomebodyElseError):
        invitation.accept(outsider)
    assert not organisation.memberships.filter(user=outsider).exists()


def test_the_invited_address_confirmed_on_the_account_is_accepted_whatever_its_case(client, organisation):
    invitation = InvitationFactory(organisation=organisation, email=INVITED)
    person = UserFactory(email="camille.perso@exemple.fr", first_name="Camille", last_name="Roux")
    EmailAddress.objects.create(user=person, email="Camille@Exemple.FR", verified=True, primary=False)
    client.force_login(person)

    response = client.post(invitation.get_absolute_url(), follow=True)

    assertRedirects(response, organisation.get_absolute_url())
    assert organisation.memberships.filter(user=person).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == person


def test_an_unconfirmed_address_is_asked_to_confirm_first_then_accepted(client, organisation, run_tasks):
    invitation = InvitationFactory(organisation=organisation, email=INVITED)
    person = UserFactory(email=INVITED, verified_email=False)
    client.force_login(person)

    page = client.get(invitation.get_absolute_url())
    assert "une adresse de votre compte que vous n'avez pas encore confirmée" in page_text(page)
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert f"Un courriel de confirmation est envoyé à {INVITED}" in page_text(response)
    assert not organisation.memberships.filter(user=person).exists()

    run_tasks()
    [message] = [m for m in mail.outbox if m.to == [INVITED]]
    client.post(confirmation_link(message))
    client.post(invitation.get_absolute_url())

    assert organisation.memberships.filter(user=person).exists()


def test_a_newcomer_signs_up_from_the_link_with_the_invited_address_which_the_link_confirms(client, organisation):
    invitation = InvitationFactory(organisation=organisation, email=INVITED)
    client.get(invitation.get_absolute_url())

    signup = client.post(
        f"{reverse('account_signup')}?next={invitation.get_absolute_url()}", {**SIGNUP, "email": "Camille@exemple.fr"}
    )

    assertRedirects(signup, invitation.get_absolute_url(), fetch_redirect_response=False)
    assert EmailAddress.objects.get(email__iexact=INVITED).verified
    client.post(invitation.get_absolute_url())
    assert organisation.memberships.filter(user__email__iexact=INVITED).exists()


def test_a_newcomer_signing_up_with_another_address_must_confirm_it_and_is_then_refused(
    client, organisation, run_tasks
):
    invitation = InvitationFactory(organisation=organisation, email=INVITED)
    client.get(invitation.get_absolute_url())

    signup = client.post(
        f"{reverse('account_signup')}?next={invitation.get_absolute_url()}", {**SIGNUP, "email": "autre@exemple.fr"}
    )

    assert signup.url == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(email="autre@exemple.fr").verified
    run_tasks()
    [message] = [m for m in mail.outbox if m.to == ["autre@exemple.fr"]]
    client.post(confirmation_link(message))
    assert client.post(invitation.get_absolute_url()).status_code == 403
    assert not organisation.memberships.filter(user__email="autre@exemple.fr").exists()
