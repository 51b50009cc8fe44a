"""Region agents and admins log in with a second factor (TOTP, or a recovery code once); an admin resets a lost one."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth.models import Permission
from django.urls import reverse

from deffinov.audit.models import AuditEvent
from tests.accounts.factories import PASSWORD, TOTP_SECRET, UserFactory, totp_code

pytestmark = pytest.mark.django_db


def logged_in(client):
    return "_auth_user_id" in client.session


def log_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def recovery_codes(user):
    return RecoveryCodes(
        Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()


def test_an_instructor_is_asked_for_the_code_after_the_password(client):
    instructor = UserFactory(instructor=True)

    response = log_in(client, instructor)

    assert response.url == reverse("mfa_authenticate")
    assert not logged_in(client)
    page = client.get(reverse("mfa_authenticate"))
    assert "Code" in page.text
    assert client.get("/instruction/").status_code == 302

    client.post(reverse("mfa_authenticate"), {"code": totp_code()})

    assert logged_in(client)
    assert client.get("/instruction/").status_code == 200


def test_a_wrong_code_is_refused(client):
    instructor = UserFactory(instructor=True)
    log_in(client, instructor)
    wrong = "000000" if totp_code() != "000000" else "111111"

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == 200
    assert "Code incorrect" in response.text
    assert not logged_in(client)


def test_a_recovery_code_works_once(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    code = recovery_codes(admin)[0]

    log_in(client, admin)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert logged_in(client)
    assert client.get("/admin/").status_code == 200

    client.post(reverse("account_logout"))
    log_in(client, admin)
    client.post(reverse("mfa_authenticate"), {"code": code})

    assert not logged_in(client)
    assert code not in recovery_codes(admin)


def test_an_applicant_logs_in_with_the_password_alone(client, user):
    log_in(client, user)

    assert logged_in(client)


@pytest.mark.parametrize(
    "traits",
    [
        {"instructor": True},
        {"committee_member": True},
        {"functional_admin": True},
        {"finance_officer": True},
        {"is_staff": True},
        {"is_superuser": True},
    ],
)
def test_a_region_agent_or_admin_without_a_second_factor_is_sent_to_set_it_up(client, traits):
    client.force_login(UserFactory(second_factor=False, **traits))

    for staff_page in ["/instruction/", "/comite/", "/admin/"]:
        response = client.get(staff_page)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    assert client.get("/").status_code == 200


def test_setting_the_second_factor_up_opens_the_staff_pages(client):
    instructor = UserFactory(instructor=True, second_factor=False)
    log_in(client, instructor)
    assert logged_in(client)

    setup = client.get("/instruction/").url
    assert client.get(setup).url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(setup)
    assert page.status_code == 200
    assert "Activer" in page.text
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret=secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=instructor, type=Authenticator.Type.TOTP).exists()
    assert recovery_codes(instructor)
    assert client.get("/instruction/").status_code == 200


def test_an_applicant_without_a_second_factor_reaches_their_dossiers(client, user):
    client.force_login(user)

    assert client.get("/dossiers/").status_code == 200


def test_a_platform_admin_resets_a_lost_second_factor_and_it_is_audited(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    instructor = UserFactory(instructor=True, email="lucie@normandie.fr")
    client.force_login(admin)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [instructor.pk]},
        follow=True,
    )

    assert "Authentification à deux facteurs réinitialisée" in response.text
    assert not Authenticator.objects.filter(user=instructor).exists()
    event = AuditEvent.objects.get(action="accounts.second_factor_reset")
    assert event.actor == admin
    assert "lucie@normandie.fr" in event.summary
    client.force_login(instructor)
    assert client.get("/instruction/").url == reverse("mfa_activate_totp")


def test_only_a_platform_admin_may_reset_a_second_factor(client):
    functional_admin = UserFactory(functional_admin=True, is_staff=True)
    functional_admin.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    instructor = UserFactory(instructor=True)
    client.force_login(functional_admin)

    page = client.get(reverse("admin:accounts_user_changelist"))
    assert page.status_code == 200
    assert "reset_second_factor" not in page.text
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [instructor.pk]},
    )

    assert Authenticator.objects.filter(user=instructor, type=Authenticator.Type.TOTP).exists()


def test_the_dashboard_links_to_the_second_factor_settings(client, user):
    client.force_login(user)

    response = client.get(reverse("accounts:dashboard"))

    assert (
        f'<a href="{reverse("mfa_index")}">Authentification à deux facteurs et codes de récupération</a>'
        in response.text
    )


def test_the_admin_never_shows_a_secret_nor_deletes_an_authenticator_untraced(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    instructor = UserFactory(instructor=True)
    totp = Authenticator.objects.get(user=instructor, type=Authenticator.Type.TOTP)

    page = client.get(reverse("admin:mfa_authenticator_change", args=[totp.pk]))

    assert page.status_code == 200
    assert TOTP_SECRET not in page.text
    assert client.get(reverse("admin:mfa_authenticator_delete", args=[totp.pk])).status_code == 403
