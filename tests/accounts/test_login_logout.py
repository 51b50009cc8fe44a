import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_person_logs_in_and_reaches_the_dashboard(client, user, password):
    response = client.post(reverse("account_login"), {"login": user.email, "password": password}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:dashboard")
    assert "Bonjour Camille" in response.text


def test_a_wrong_password_shows_a_french_error_and_keeps_the_email(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "pas-le-bon"})

    assert response.status_code == 200
    assert "L’adresse électronique ou le mot de passe sont incorrects." in response.text
    assert 'role="alert"' in response.text
    assert f'value="{user.email}"' in response.text
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_the_login_page_offers_a_password_reset_link(client):
    response = client.get(reverse("account_login"))

    assert "<h1>Se connecter</h1>" in response.text
    assert f'<a href="{reverse("account_reset_password")}">Mot de passe oublié ?</a>' in response.text


def test_logging_out_takes_a_post_and_ends_the_session(client, user):
    client.force_login(user)

    page = client.get(reverse("account_logout"))
    assert "Voulez-vous vraiment vous déconnecter ?" in page.text
    assert client.get(reverse("accounts:dashboard")).status_code == 200

    client.post(reverse("account_logout"))

    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("url_name", ["accounts:dashboard", "accounts:profile", "account_change_password"])
def test_private_pages_send_anonymous_visitors_to_the_login_page(client, url_name):
    url = reverse(url_name)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


def test_allauth_pages_we_did_not_rewrite_use_our_layout_and_labelled_fields(client, user):
    client.force_login(user)

    response = client.get(reverse("account_email"))

    assert response.status_code == 200
    html = response.text
    assert html.count("<h1>") == 1
    assert 'class="site-header"' in html
    assert '<label for="id_email">' in html
    assert 'class="button"' in html
