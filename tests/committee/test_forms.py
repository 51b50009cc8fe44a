import re

import pytest
from django.urls import reverse

from tests.applications.factories import WaveFactory

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(r"\b(Wave|Title|Name|Function|Member|Session|This field is required|Enter a valid)\b")


def labels(page):
    return re.findall(r"<label[^>]*>(.*?)</label>", page, flags=re.S)


def test_the_new_session_form_speaks_french(client, instructor):
    WaveFactory()
    client.force_login(instructor)
    page = client.get(reverse("committee:index")).text
    found = " ".join(labels(page))
    assert "Vague" in found and "Intitulé de la séance" in found and "Date et heure de la séance" in found
    assert not ENGLISH.search(found), found
    response = client.post(reverse("committee:index"), {"wave": "", "title": "", "date": "demain"})
    assert response.status_code == 422
    assert "Choisissez la vague." in response.text
    assert "Donnez un intitulé à la séance." in response.text
    assert "Indiquez une date et une heure." in response.text
    assert not ENGLISH.search(" ".join(labels(response.text)))


def test_the_member_and_validation_forms_speak_french(client, decidable, instructor):
    client.force_login(instructor)
    page = client.get(reverse("committee:session", args=[decidable["session"].pk])).text
    found = " ".join(labels(page))
    assert "Nom" in found and "Fonction" in found and "Institution" in found
    assert not ENGLISH.search(found), found
