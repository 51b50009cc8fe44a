"""The project page carries the tranche table: amounts in French, and the lead's link to request."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_project_page_shows_the_schedule_and_lets_the_lead_request(client, funded, instructor):
    project, data = funded
    for user in (data["lead_admin"], instructor):
        client.force_login(user)
        r = client.get(reverse("grants:detail", args=[project.number]))
        assert r.status_code == 200, r.status_code
        assert "Versements" in r.text and "45\u00a0000\u00a0€" in r.text
    client.force_login(data["lead_admin"])
    assert "Demander" in client.get(reverse("grants:detail", args=[project.number])).text
