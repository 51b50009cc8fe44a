"""Every login, the admin's included, goes through one lockout whose counters live in a cache shared by workers."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from deffinov.accounts.checks import check_shared_cache
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "Trop de tentatives de connexion échouées"


def logged_in(client):
    return "_auth_user_id" in client.session


def test_fifteen_wrong_passwords_on_the_admin_login_then_the_right_one_does_not_log_in(client):
    admin = UserFactory(is_staff=True, is_superuser=True, second_factor=False)

    for _ in range(15):
        client.post("/admin/login/", {"username": admin.email, "password": "pas-le-bon", "next": "/admin/"})
    client.post("/admin/login/", {"username": admin.email, "password": PASSWORD, "next": "/admin/"})

    assert not logged_in(client)
    assert client.get("/admin/").status_code == 302


def test_the_admin_login_is_the_site_login_with_its_lockout(client):
    admin = UserFactory(is_staff=True, is_superuser=True, second_factor=False)

    login_page = client.get("/admin/login/?next=/admin/accounts/user/")
    assert login_page.status_code == 302
    assert login_page.url == f"{reverse('account_login')}?next=%2Fadmin%2Faccounts%2Fuser%2F"
    for _ in range(15):
        client.post(login_page.url, {"login": admin.email, "password": "pas-le-bon"})
    response = client.post(login_page.url, {"login": admin.email, "password": PASSWORD})

    assert LOCKED in response.text
    assert "15 minutes, même avec le bon mot de passe" in response.text
    assert not logged_in(client)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, user):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "pas-le-bon"})

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert LOCKED in response.text
    assert not logged_in(client)


def test_four_wrong_passwords_still_let_the_right_one_in(client, user):
    for _ in range(4):
        client.post(reverse("account_login"), {"login": user.email, "password": "pas-le-bon"})

    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert logged_in(client)


def test_the_lockout_ends_when_the_window_passes(client, user, time_machine):
    time_machine.move_to("2026-11-30 09:00 +01:00", tick=False)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "pas-le-bon"})

    time_machine.move_to("2026-11-30 09:16 +01:00", tick=False)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert logged_in(client)


def test_the_counters_live_in_the_database_cache_shared_by_every_worker(settings, user):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "deffinov_cache"}
    }
    call_command("createcachetable", verbosity=0)
    attacker, owner = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="198.51.100.7")

    for _ in range(5):
        attacker.post(reverse("account_login"), {"login": user.email, "password": "pas-le-bon"})
    response = owner.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert LOCKED in response.text
    assert not logged_in(owner)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM deffinov_cache")
        assert cursor.fetchone()[0] > 0


@pytest.mark.parametrize("environment", ["development", "production"])
def test_outside_tests_the_cache_is_never_the_memory_of_one_process(environment):
    env = {
        **os.environ,
        "DJANGO_ENV": environment,
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "deffinov.example.org",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("DATABASE_URL", None)
    backend = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    assert backend == "django.core.cache.backends.db.DatabaseCache"


def test_a_logged_in_person_who_is_not_an_admin_is_refused_the_admin_login(client, user):
    client.force_login(user)

    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_the_deployment_check_refuses_a_per_process_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert [error.id for error in check_shared_cache(None)] == ["deffinov.accounts.E001"]

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "c"}}
    assert check_shared_cache(None) == []


def test_one_address_is_locked_after_twenty_failures_on_any_accounts_others_are_not(settings, user):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1")
    colleague = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    for number in range(20):
        attacker.post(reverse("account_login"), {"login": f"agent{number}@normandie.fr", "password": "x"})
    response = attacker.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert LOCKED in response.text
    colleague.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert logged_in(colleague)
