import datetime

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from deffinov.organisations.models import Invitation, Membership
from tests.accounts.factories import UserFactory
from tests.organisations.factories import InvitationFactory
from tests.organisations.helpers import page_text

PARIS = datetime.timezone(datetime.timedelta(hours=1))


def invite_url(organisation):
    return reverse("organisations:invite", args=[organisation.pk])


def test_an_admin_invites_a_colleague_who_receives_a_french_email(client, admin, organisation, run_tasks):
    client.force_login(admin)

    response = client.post(invite_url(organisation), {"email": "Camille@Exemple.fr", "role": "member"}, follow=True)

    assertContains(response, "Invitation envoyée à camille@exemple.fr.")
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == ("camille@exemple.fr", "member", admin)
    assertContains(response, "<td>camille@exemple.fr</td>", html=True)
    assert mail.outbox == []  # stored first, sent by the worker
    run_tasks()
    [email] = mail.outbox
    assert email.to == ["camille@exemple.fr"]
    assert email.subject == "Invitation à rejoindre La Fabrique du Bocage sur Deffinov Normandie"
    assert "Claire Durand vous invite à rejoindre la structure La Fabrique du Bocage en tant que membre" in email.body
    assert "Ce lien est valable jusqu'au" in email.body
    assert f"https://deffinov.normandie.fr/structures/invitations/{invitation.token}/" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert f"https://deffinov.normandie.fr/structures/invitations/{invitation.token}/" in html


def test_inviting_the_same_address_again_refreshes_the_invitation(client, admin, organisation, run_tasks, time_machine):
    time_machine.move_to(datetime.datetime(2024, 1, 8, 9, tzinfo=PARIS), tick=False)
    first = InvitationFactory(organisation=organisation, email="camille@exemple.fr", role="member")
    time_machine.move_to(datetime.datetime(2024, 1, 20, 9, tzinfo=PARIS), tick=False)
    client.force_login(admin)

    response = client.post(invite_url(organisation), {"email": "camille@exemple.fr", "role": "admin"}, follow=True)

    assert "camille@exemple.fr était déjà invité : l'invitation est prolongée et renvoyée." in page_text(response)
    invitation = Invitation.objects.get()
    assert invitation.token == first.token  # the first email's link still works
    assert invitation.role == "admin"
    assert invitation.expires_at == datetime.datetime(2024, 2, 3, 9, tzinfo=PARIS)
    run_tasks()
    assert len(mail.outbox) == 1


def test_inviting_someone_already_member_says_so(client, admin, member, organisation):
    client.force_login(admin)
    response = client.post(invite_url(organisation), {"email": "MEMBRE@tiers-lieu-vire.fr", "role": "member"})
    assert response.status_code == 200
    assertContains(response, "membre@tiers-lieu-vire.fr est déjà membre de la structure La Fabrique du Bocage.")
    assertContains(response, 'aria-describedby="id_email_helptext id_email_error"')
    assert not Invitation.objects.exists()


def test_a_bad_email_keeps_the_chosen_role(client, admin, organisation):
    client.force_login(admin)
    response = client.post(invite_url(organisation), {"email": "camille@", "role": "admin"})
    assertContains(response, "Saisissez une adresse électronique valide.")
    assertContains(response, 'value="admin" id="id_role_0" required checked')


def test_an_admin_revokes_a_pending_invitation(client, admin, organisation):
    invitation = InvitationFactory(organisation=organisation, email="camille@exemple.fr")
    client.force_login(admin)
    url = reverse("organisations:invitation_revoke", args=[organisation.pk, invitation.pk])

    response = client.post(url, follow=True)

    assert "L'invitation adressée à camille@exemple.fr est annulée : son lien ne fonctionne plus." in page_text(
        response
    )
    assert not Invitation.objects.exists()
    assert client.get(invitation.get_absolute_url()).status_code == 404


class TestAccept:
    def test_an_anonymous_visitor_is_offered_to_log_in_or_sign_up_and_come_back(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation, email="camille@exemple.fr")
        response = client.get(invitation.get_absolute_url())
        next_ = f"?next=/structures/invitations/{invitation.token}/"
        assertContains(response, f'href="{reverse("account_login")}{next_}"')
        assertContains(response, f'href="{reverse("account_signup")}{next_}&amp;email=camille%40exemple.fr"')
        assertContains(response, "<h1>Rejoindre La Fabrique du Bocage</h1>", html=True)

    def test_logging_in_from_the_invitation_comes_back_to_it(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation, email="camille@exemple.fr")
        person = UserFactory(email="camille@exemple.fr")
        login = f"{reverse('account_login')}?next={invitation.get_absolute_url()}"
        from tests.accounts.factories import PASSWORD

        response = client.post(login, {"login": person.email, "password": PASSWORD})

        assertRedirects(response, invitation.get_absolute_url())

    def test_a_logged_in_person_confirms_and_joins_with_the_invited_role(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation, email="camille@exemple.fr", role="admin")
        person = UserFactory(email="camille@exemple.fr", first_name="Camille", last_name="Roux")
        client.force_login(person)

        page = client.get(invitation.get_absolute_url())
        assert "Vous êtes connecté avec l'adresse camille@exemple.fr." in page_text(page)
        assert not organisation.memberships.filter(user=person).exists()  # a GET changes nothing

        response = client.post(invitation.get_absolute_url(), follow=True)

        assertRedirects(response, organisation.get_absolute_url())
        assert "Vous avez rejoint La Fabrique du Bocage en tant qu'administrateur." in page_text(response)
        assert organisation.memberships.get(user=person).role == Membership.Role.ADMIN
        invitation.refresh_from_db()
        assert invitation.accepted_by == person
        assert invitation.accepted_at is not None

    def test_an_invitation_cannot_be_used_twice(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation, email="camille@exemple.fr")
        person = UserFactory(email="camille@exemple.fr")
        client.force_login(person)
        client.post(invitation.get_absolute_url())
        assert organisation.memberships.filter(user=person).exists()

        response = client.post(invitation.get_absolute_url())

        assertContains(response, "Cette invitation a déjà été utilisée.")

    def test_an_expired_invitation_says_so_and_adds_nobody(self, client, organisation, time_machine):
        time_machine.move_to(datetime.datetime(2024, 1, 8, 9, tzinfo=PARIS), tick=False)
        invitation = InvitationFactory(organisation=organisation)
        person = UserFactory(email=invitation.email)
        client.force_login(person)
        time_machine.move_to(datetime.datetime(2024, 1, 22, 9, 0, 1, tzinfo=PARIS), tick=False)

        response = client.post(invitation.get_absolute_url())

        assert (
            "Cette invitation a expiré le 22/01/2024. "
            "Demandez à un administrateur de la structure de vous inviter à nouveau." in page_text(response)
        )
        assert not organisation.memberships.filter(user=person).exists()

    def test_an_invitation_still_works_on_its_last_second(self, client, organisation, time_machine):
        time_machine.move_to(datetime.datetime(2024, 1, 8, 9, tzinfo=PARIS), tick=False)
        invitation = InvitationFactory(organisation=organisation)
        person = UserFactory(email=invitation.email)
        client.force_login(person)
        time_machine.move_to(datetime.datetime(2024, 1, 22, 8, 59, 59, tzinfo=PARIS), tick=False)

        client.post(invitation.get_absolute_url())

        assert organisation.memberships.filter(user=person).exists()

    def test_an_unknown_token_is_a_404(self, client, db):
        assert client.get(reverse("organisations:invitation_accept", args=["inconnu"])).status_code == 404

    def test_a_member_invited_as_admin_is_promoted(self, client, member, organisation):
        invitation = InvitationFactory(organisation=organisation, role="admin", email=member.email)
        client.force_login(member)
        assert "Vous êtes déjà membre de cette structure." in page_text(client.get(invitation.get_absolute_url()))
        client.post(invitation.get_absolute_url())
        assert organisation.memberships.get(user=member).role == Membership.Role.ADMIN


@pytest.mark.parametrize("role", ["member", "admin"])
def test_pending_invitations_exclude_expired_and_accepted_ones(organisation, role, time_machine):
    time_machine.move_to(datetime.datetime(2024, 1, 8, 9, tzinfo=PARIS), tick=False)
    pending = InvitationFactory(organisation=organisation, role=role)
    expired = InvitationFactory(organisation=organisation, expires_at=datetime.datetime(2024, 1, 8, 8, tzinfo=PARIS))
    accepted = InvitationFactory(organisation=organisation)
    accepted.accept(UserFactory(email=accepted.email))
    assert list(Invitation.objects.pending()) == [pending]
    assert expired.is_expired
