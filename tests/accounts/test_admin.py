import pytest
from django.urls import reverse

from deffinov.accounts.models import User
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(staff=True, is_superuser=True))
    return client


def test_the_admin_creates_a_user_from_an_email_address(admin_client):
    assert admin_client.get(reverse("admin:accounts_user_add")).status_code == 200

    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "instructrice@normandie.fr",
            "usable_password": "true",
            "password1": "Instruction-Caen-2024",
            "password2": "Instruction-Caen-2024",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="instructrice@normandie.fr").check_password("Instruction-Caen-2024")


def test_the_admin_lists_searches_and_edits_users(admin_client):
    person = UserFactory(email="camille@tiers-lieu-vire.fr", last_name="Lefèvre")
    UserFactory(email="autre@example.fr")

    response = admin_client.get(reverse("admin:accounts_user_changelist"), {"q": "Lefèvre"})
    assert "camille@tiers-lieu-vire.fr" in response.text
    assert "autre@example.fr" not in response.text

    response = admin_client.get(reverse("admin:accounts_user_change", args=[person.pk]))
    assert response.status_code == 200
    assert 'name="job_title"' in response.text
    assert 'name="username"' not in response.text
