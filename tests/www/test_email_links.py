"""Links in emails point to the public site (SITE_URL), whatever host the request that sent them came through."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.fixtures import SITE_URL

pytestmark = pytest.mark.django_db

OTHER_HOST = "interne.deffinov.local"


@pytest.fixture
def other_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


def links(message):
    bodies = [message.body, *(content for content, _ in message.alternatives)]
    return {link for body in bodies for link in re.findall(r"https?://[^\s\"<]+", body)}


def test_a_password_reset_asked_on_another_host_links_to_the_public_site(client, run_tasks, other_host):
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_HOST=OTHER_HOST)

    run_tasks()
    [message] = mail.outbox
    found = links(message)
    assert any(link.startswith(f"{SITE_URL}/comptes/password/reset/key/") for link in found)
    assert not [link for link in found if OTHER_HOST in link]


def test_a_reset_for_an_unknown_address_on_another_host_offers_the_public_signup(client, run_tasks, other_host):
    client.post(reverse("account_reset_password"), {"email": "inconnu@example.fr"}, HTTP_HOST=OTHER_HOST)

    run_tasks()
    [message] = mail.outbox
    assert f"{SITE_URL}{reverse('account_signup')}" in links(message)
    assert not [link for link in links(message) if OTHER_HOST in link]


def test_a_signup_on_another_host_is_confirmed_through_the_public_site(client, run_tasks, other_host):
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Inès",
            "last_name": "Marie",
            "email": "ines.marie@example.fr",
            "password1": "Bocage-Normand-2026",
            "password2": "Bocage-Normand-2026",
        },
        HTTP_HOST=OTHER_HOST,
    )

    run_tasks()
    [message] = mail.outbox
    assert any(link.startswith(f"{SITE_URL}/comptes/") for link in links(message))
    assert not [link for link in links(message) if OTHER_HOST in link]
