"""Personal access tokens: only Region agents hold them; the secret is shown once and kept as a digest; a revoked,
expired or out-of-scope token opens nothing; every creation and revocation is audited."""

import datetime as dt
import hashlib

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from deffinov.accounts.roles import Role, forget_roles, role_group
from deffinov.api import tokens
from deffinov.api.models import AccessToken, Scope
from deffinov.audit.models import AuditEvent
from tests.applications.factories import UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("api_tokens:list")
PAYMENTS = "/api/v1/payments"


def in_days(days):
    return timezone.now() + dt.timedelta(days=days)


def form(**changes):
    data = {
        "name": "Progiciel financier",
        "scopes": ["read"],
        "expires_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
    }
    data.update(changes)
    return data


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["lead_admin", "expert"])
def test_people_outside_the_region_find_no_token_page(client, lead_admin, who):
    user = lead_admin if who == "lead_admin" else UserFactory(expert=True)
    client.force_login(user)
    assert client.get(LIST).status_code == 404
    assert client.post(LIST, form()).status_code == 404
    assert not AccessToken.objects.exists()
    assert reverse("api_tokens:list") not in client.get(reverse("accounts:dashboard")).content.decode()


def test_an_agent_creates_a_token_and_sees_its_secret_once(client, instructor):
    client.force_login(instructor)
    assert f'href="{LIST}"' in client.get(reverse("accounts:dashboard")).content.decode()

    response = client.post(LIST, form(scopes=["read", "payments"]))

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    token = AccessToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith("dfv_") and secret in response.content.decode()
    assert "il ne sera plus jamais affiché" in response.content.decode()
    assert token.secret_digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.prefix, token.secret_digest}
    assert token.prefix == secret[:12]
    assert (token.user, token.scopes) == (instructor, ["read", "payments"])
    assert AuditEvent.objects.filter(action="api.token.create", object_id=str(token.pk), actor=instructor).exists()

    again = client.get(LIST).content.decode()
    assert secret not in again
    assert f"{token.prefix}…" in again


def test_bad_input_is_told_in_french_and_nothing_is_lost(client, instructor):
    client.force_login(instructor)
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()

    response = client.post(LIST, form(scopes=[], expires_on=past, name="Entrepôt de données"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Choisissez au moins une portée." in page
    assert "Indiquez une date entre le" in page
    assert 'value="Entrepôt de données"' in page
    assert not AccessToken.objects.exists()
    far = (timezone.localdate() + dt.timedelta(days=400)).isoformat()
    assert "Indiquez une date entre le" in client.post(LIST, form(expires_on=far)).content.decode()


def test_a_token_opens_the_api_until_it_is_revoked(client, instructor):
    token, secret = tokens.create_token(instructor, "Entrepôt", ["read"], in_days(30))
    assert client.get(PAYMENTS, **bearer(secret)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    client.force_login(instructor)
    response = client.post(reverse("api_tokens:revoke", args=[token.pk]), follow=True)
    assert "est révoqué" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api.token.revoke", object_id=str(token.pk)).exists()

    client.logout()
    refused = client.get(PAYMENTS, **bearer(secret))
    assert refused.status_code == 401
    assert "Authentification requise" in refused.json()["detail"]
    assert refused["WWW-Authenticate"] == "Bearer"


def test_nobody_revokes_someone_else_s_token(client, instructor):
    token, _secret = tokens.create_token(instructor, "Entrepôt", ["read"], in_days(30))
    client.force_login(UserFactory(finance_officer=True))
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404
    assert client.get(reverse("api_tokens:revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_expired_token_opens_nothing(client, instructor):
    _token, secret = tokens.create_token(instructor, "Entrepôt", ["read"], in_days(1))
    assert client.get(PAYMENTS, **bearer(secret)).status_code == 200
    with time_machine.travel(in_days(1) + dt.timedelta(seconds=1)):
        assert client.get(PAYMENTS, **bearer(secret)).status_code == 401
        client.force_login(instructor)
        assert "Expiré" in client.get(LIST).content.decode()


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer dfv_inconnu", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500],
)
def test_no_token_or_an_unknown_one_gets_a_french_401(client, header):
    response = client.get(PAYMENTS, **({"HTTP_AUTHORIZATION": header} if header else {}))
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Authentification requise")


def test_a_read_token_cannot_record_a_payment(client, finance_officer):
    _token, secret = tokens.create_token(finance_officer, "Progiciel", ["read"], in_days(30))
    response = client.post(
        "/api/v1/payments/1/paid",
        {"engagement_reference": "EJ-1", "mandate_reference": "M-1", "paid_on": "2026-01-02"},
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 403
    assert response.json() == {"detail": f"Ce jeton n'a pas la portée nécessaire : « {Scope.PAYMENTS.label} »."}


def test_a_token_stops_working_when_its_user_leaves_the_region(client, instructor):
    _token, secret = tokens.create_token(instructor, "Entrepôt", ["read"], in_days(30))
    instructor.groups.remove(role_group(Role.INSTRUCTOR))
    forget_roles(instructor)
    response = client.get(PAYMENTS, **bearer(secret))
    assert response.status_code == 403
    assert "n'est plus agent de la Région" in response.json()["detail"]


def test_only_region_agents_may_hold_a_token(lead_admin):
    with pytest.raises(tokens.TokenError, match="Seuls les agents de la Région"):
        tokens.create_token(lead_admin, "Essai", ["read"], in_days(30))
