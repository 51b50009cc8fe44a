import pytest
from django.urls import reverse

from deffinov.emails.models import Email
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_search_emails_by_recipient_and_read_them_without_editing(admin_client):
    email = Email.objects.create(
        to=["instructrice@normandie.fr"], from_email="x@normandie.fr", subject="Avis d'expert", body_text="…"
    )
    Email.objects.create(to=["autre@example.fr"], from_email="x@normandie.fr", subject="Relance", body_text="…")

    response = admin_client.get(reverse("admin:emails_email_changelist"), {"q": "instructrice"})
    assert response.status_code == 200
    assert "Avis d&#x27;expert" in response.text
    assert "Relance" not in response.text

    response = admin_client.get(reverse("admin:emails_email_change", args=[email.pk]))
    assert response.status_code == 200
    assert 'name="subject"' not in response.text
    assert admin_client.post(reverse("admin:emails_email_change", args=[email.pk]), {"subject": "x"}).status_code == 403
