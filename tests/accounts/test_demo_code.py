"""`manage.py demo_code` prints the current second-factor code of a demo account, never in production."""

import io

import pytest
from django.core.management import CommandError, call_command

from deffinov.demo.accounts import DEMO_TOTP_SECRET, load_second_factor
from tests.accounts.factories import UserFactory, totp_code

pytestmark = pytest.mark.django_db


def test_it_prints_the_code_the_authenticator_app_shows(time_machine):
    time_machine.move_to("2026-11-30 09:00:10 +01:00", tick=False)
    user = UserFactory(email="instructeur@demo.deffinov.fr", instructor=True, second_factor=False)
    load_second_factor(user)
    out = io.StringIO()

    call_command("demo_code", "instructeur@demo.deffinov.fr", stdout=out)

    assert out.getvalue().strip() == totp_code(secret=DEMO_TOTP_SECRET)


def test_it_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    UserFactory(email="instructeur@demo.deffinov.fr", instructor=True)

    with pytest.raises(CommandError, match="refusée avec DJANGO_ENV=production"):
        call_command("demo_code", "instructeur@demo.deffinov.fr")


def test_it_says_when_the_account_has_no_second_factor():
    UserFactory(email="candidat@demo.deffinov.fr")

    with pytest.raises(CommandError, match="n'a pas d'authentification à deux facteurs"):
        call_command("demo_code", "candidat@demo.deffinov.fr")
