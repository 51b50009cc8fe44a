import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nouveau-Cotentin-2026"


def test_a_forgotten_password_is_reset_end_to_end(client, user, run_tasks):
    page = client.get(reverse("account_reset_password"))
    assert "<h1>Mot de passe oublié</h1>" in page.text

    response = client.post(reverse("account_reset_password"), {"email": user.email}, follow=True)

    assert "<h1>Courriel envoyé</h1>" in response.text
    assert mail.outbox == []
    run_tasks()
    [message] = mail.outbox
    assert message.subject == "[Deffinov] Choisissez un nouveau mot de passe"
    assert "Choisir un nouveau mot de passe" in message.alternatives[0][0]
    link = re.search(r"https://deffinov.normandie.fr(/comptes/password/reset/key/\S+)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "<h1>Choisir un nouveau mot de passe</h1>" in form_page.text
    action = form_page.redirect_chain[-1][0]
    response = client.post(action, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True)

    assert "<h1>Mot de passe modifié</h1>" in response.text
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The link cannot be used twice.
    assert "<h1>Lien non valide</h1>" in client.get(link, follow=True).text


def test_a_reset_for_an_unknown_address_tells_the_owner_of_that_address(client, run_tasks):
    client.post(reverse("account_reset_password"), {"email": "inconnu@example.fr"})

    run_tasks()
    [message] = mail.outbox
    assert message.to == ["inconnu@example.fr"]
    assert message.subject == "[Deffinov] Aucun compte n'existe pour cette adresse"


def test_a_person_changes_their_password(client, user, password):
    client.force_login(user)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": password, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.status_code == 200
    assert "Mot de passe modifié avec succès." in response.text
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_wrong_current_password_is_refused_on_its_field(client, user):
    client.force_login(user)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "pas-le-bon", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert 'id="id_oldpassword_error"' in response.text
    assert "Merci d&#x27;indiquer votre mot de passe actuel." in response.text
