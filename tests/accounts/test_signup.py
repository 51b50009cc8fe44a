import re

import pytest
from django.core import mail
from django.urls import reverse

from deffinov.accounts.models import User
from deffinov.emails.models import Email

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Camille",
    "last_name": "Lefèvre",
    "email": "camille.lefevre@tiers-lieu-vire.fr",
    "password1": "Bocage-Numerique-14",
    "password2": "Bocage-Numerique-14",
}


def confirmation_link(message):
    return re.search(r"https://deffinov.normandie.fr(/comptes/[^\s\"<]+)", message.body).group(1)


def test_the_signup_page_is_in_french_with_a_label_for_each_field(client):
    response = client.get(reverse("account_signup"))

    assert response.status_code == 200
    html = response.text
    assert "<h1>Créer un compte</h1>" in html
    for field_id, label in [
        ("id_first_name", "Prénom"),
        ("id_last_name", "Nom"),
        ("id_email", "Adresse électronique"),
        ("id_password1", "Mot de passe"),
        ("id_password2", "Mot de passe (confirmation)"),
    ]:
        assert f'<label for="{field_id}">{label} <span class="required">(obligatoire)</span></label>' in html, label
    # The labels stay visible: no placeholder repeats them.
    assert "placeholder" not in html
    # Password rules are the help of the first password field, and announced with it.
    assert 'id="id_password1_helptext"' in html
    assert 'aria-describedby="id_password1_helptext"' in html


def test_a_person_signs_up_confirms_the_address_and_lands_on_the_dashboard(client, run_tasks):
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    page = client.get(response.url)
    assert "Vérifiez votre adresse électronique" in page.text
    user = User.objects.get(email="camille.lefevre@tiers-lieu-vire.fr")
    assert (user.first_name, user.last_name) == ("Camille", "Lefèvre")
    # The email is stored; it goes out only when the worker runs.
    stored = Email.objects.get()
    assert stored.to == ["camille.lefevre@tiers-lieu-vire.fr"]
    assert mail.outbox == []

    run_tasks()

    [message] = mail.outbox
    assert message.subject == "[Deffinov] Confirmez votre adresse pour activer votre compte"
    assert message.body.startswith("Bonjour Camille,")
    html_body = message.alternatives[0][0]
    assert "Confirmer mon adresse" in html_body
    link = confirmation_link(message)
    assert link in html_body

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert "camille.lefevre@tiers-lieu-vire.fr" in confirm_page.text

    response = client.post(link, follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:dashboard")
    assert "<h1>Mon espace</h1>" in response.text
    assert "Bonjour Camille" in response.text
    assert user.emailaddress_set.get().verified


def test_signup_errors_are_in_french_on_the_field_and_keep_what_was_typed(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "password2": "Autre-chose-2024"})

    assert response.status_code == 200
    html = response.text
    assert 'id="id_password2_error"' in html
    assert "Vous devez saisir deux fois le même mot de passe." in html
    assert 'aria-describedby="id_password2_error"' in html
    assert 'value="camille.lefevre@tiers-lieu-vire.fr"' in html
    assert 'value="Lefèvre"' in html
    assert not User.objects.exists()
    assert not Email.objects.exists()


def test_a_password_too_short_is_refused_in_french(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "password1": "vire", "password2": "vire"})

    assert "Ce mot de passe est trop court. Il doit contenir au minimum 10 caractères." in response.text


def test_an_unconfirmed_person_cannot_log_in_and_gets_a_new_link(client, run_tasks):
    client.post(reverse("account_signup"), SIGNUP)
    client.post(reverse("account_logout"))
    run_tasks()
    mail.outbox.clear()

    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}, follow=True
    )

    assert "Vérifiez votre adresse électronique" in response.text
    assert client.get(reverse("accounts:dashboard")).status_code == 302
    run_tasks()
    [message] = mail.outbox
    assert message.subject == "[Deffinov] Confirmez votre adresse électronique"
