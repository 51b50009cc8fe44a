import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_person_edits_their_profile(client, user):
    client.force_login(user)
    page = client.get(reverse("accounts:profile"))
    assert "<h1>Mon profil</h1>" in page.text
    assert 'value="Camille"' in page.text

    response = client.post(
        reverse("accounts:profile"),
        {"first_name": "Camille", "last_name": "Lefèvre-Hamel", "phone": "02 31 06 98 98", "job_title": "Directrice"},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("accounts:profile"), 302)]
    assert "Votre profil a été enregistré." in response.text
    user.refresh_from_db()
    assert (user.last_name, user.phone, user.job_title) == ("Lefèvre-Hamel", "02 31 06 98 98", "Directrice")


def test_a_bad_phone_number_is_explained_on_its_field_and_nothing_typed_is_lost(client, user):
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile"),
        {"first_name": "Camille", "last_name": "Lefèvre", "phone": "appelez-moi", "job_title": "Coordinatrice"},
    )

    assert response.status_code == 200
    html = response.text
    assert 'id="id_phone_error"' in html
    assert "Saisissez un numéro de téléphone valide" in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html
    assert 'value="appelez-moi"' in html
    assert 'value="Coordinatrice"' in html
    user.refresh_from_db()
    assert user.job_title == ""


def test_first_and_last_names_are_required(client, user):
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile"), {"first_name": "", "last_name": "", "phone": "", "job_title": ""}
    )

    assert 'id="id_first_name_error"' in response.text
    assert "Ce champ est obligatoire." in response.text
