"""An expert reads the dossier they give an opinion on, never the members' bank details."""

import pytest
from django.urls import reverse

from deffinov.applications.models import Document
from tests.reviews.test_experts import expert_with_account

pytestmark = pytest.mark.django_db


def test_an_expert_sees_neither_the_bank_details_nor_can_download_them(client, dossier):
    application = dossier["application"]
    bank_details = Document.objects.get(application=application, kind="rib")
    statutes = Document.objects.filter(application=application, kind="statuts").first()
    user, invitation = expert_with_account(application, "expert@exemple.fr")
    client.force_login(user)

    page = client.get(reverse("reviews:opinion", args=[invitation.pk])).text

    assert reverse("reviews:document", args=[invitation.pk, statutes.pk]) in page
    assert reverse("reviews:document", args=[invitation.pk, bank_details.pk]) not in page
    assert "RIB" not in page
    assert bank_details.original_name not in page
    response = client.get(reverse("reviews:document", args=[invitation.pk, bank_details.pk]))
    assert response.status_code == 404
