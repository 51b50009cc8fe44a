"""An expert invitation belongs to its addressee: another account holding the link sees, scores and ranks nothing."""

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from deffinov.accounts.roles import Role, has_role
from deffinov.reviews import experts
from deffinov.reviews.models import ExpertInvitation, Review
from tests.applications.factories import UserFactory

pytestmark = pytest.mark.django_db

INVITED = "elise.experte@exemple.fr"


def invitation_for(application, email=INVITED):
    return ExpertInvitation.objects.create(
        application=application, email=email, deadline=timezone.now().date() + dt.timedelta(days=10)
    )


def confirmation_link(message):
    return re.search(r"https?://[^/\s]+(/comptes/[^\s\"<]+)", message.body).group(1)


def test_another_account_holding_the_link_cannot_see_score_or_rank_the_dossier(client, dossier, outsider):
    application = dossier["application"]
    invitation = invitation_for(application)
    take_up_url = reverse("reviews:take_up", args=[invitation.token])
    client.force_login(outsider)

    page = client.get(take_up_url)
    response = client.post(take_up_url)

    for refused in (page, response):
        assert refused.status_code == 403
        assert "Cette invitation a été envoyée à une autre adresse électronique que celle de votre compte" in (
            refused.text.replace("&#x27;", "'")
        )
        assert application.number not in refused.text and application.title not in refused.text
    invitation.refresh_from_db()
    assert invitation.user is None and invitation.status == "invited"
    assert not has_role(outsider, Role.EXPERT)
    with pytest.raises(experts.NotTheAddresseeError):
        experts.take_up(invitation, outsider)
    # Nothing of the dossier, no way to score it, nothing in the ranking.
    opinion_url = reverse("reviews:opinion", args=[invitation.pk])
    assert client.get(opinion_url).status_code == 404
    declaration = {"form": "declaration", "declaration-choice": "no_conflict"}
    assert client.post(opinion_url, declaration).status_code == 404
    scores = {
        "form": "opinion",
        "opinion-verdict": "favourable",
        "opinion-opinion": "Excellent.",
        "scores-score_partenariat": "5",
    }
    assert client.post(opinion_url, scores).status_code == 404
    document = dossier["lead"].documents.first()
    assert client.get(reverse("reviews:document", args=[invitation.pk, document.pk])).status_code == 404
    assert client.get(reverse("reviews:scoring", args=[application.number])).status_code == 404
    assert application.number not in client.get(reverse("reviews:index")).text
    assert not Review.objects.filter(reviewer=outsider).exists()


def test_the_invited_address_confirmed_takes_the_invitation_up_and_gets_the_expert_role(client, dossier):
    invitation = invitation_for(dossier["application"])
    expert = UserFactory(email="elise.perso@exemple.fr")
    EmailAddress.objects.create(user=expert, email="Elise.Experte@Exemple.fr", verified=True, primary=False)
    client.force_login(expert)
    assert dossier["application"].number in client.get(reverse("reviews:index")).text  # waiting for her

    response = client.post(reverse("reviews:take_up", args=[invitation.token]))

    assert response.status_code == 302 and response.url == invitation.get_absolute_url()
    invitation.refresh_from_db()
    assert invitation.user == expert
    assert has_role(expert, Role.EXPERT)
    assert client.get(invitation.get_absolute_url()).status_code == 200


def test_an_unconfirmed_address_is_asked_to_confirm_first(client, dossier, run_tasks):
    invitation = invitation_for(dossier["application"])
    expert = UserFactory(email=INVITED, verified_email=False)
    take_up_url = reverse("reviews:take_up", args=[invitation.token])
    client.force_login(expert)
    assert dossier["application"].number not in client.get(reverse("reviews:index")).text

    page = client.get(take_up_url)
    assert "une adresse de votre compte que vous n'avez pas encore confirmée" in page.text.replace("&#x27;", "'")
    client.post(take_up_url)
    invitation.refresh_from_db()
    assert invitation.user is None
    assert client.get(reverse("reviews:opinion", args=[invitation.pk])).status_code == 404

    run_tasks()
    [message] = [m for m in mail.outbox if m.to == [INVITED]]
    client.post(confirmation_link(message))
    client.post(take_up_url)

    invitation.refresh_from_db()
    assert invitation.user == expert


def test_an_account_bound_without_the_address_reaches_nothing_and_is_not_named_to_staff(client, dossier, instructor):
    application = dossier["application"]
    invitation = invitation_for(application)
    intruder = UserFactory(email="intrus@exemple.fr", first_name="Ivan", last_name="Intrus")
    ExpertInvitation.objects.filter(pk=invitation.pk).update(user=intruder, status="accepted")  # bound before the fix
    client.force_login(intruder)
    assert client.get(reverse("reviews:opinion", args=[invitation.pk])).status_code == 404

    client.force_login(instructor)
    page = client.get(reverse("reviews:dossier_experts", args=[application.number])).text

    assert INVITED in page
    assert "Ivan Intrus" not in page
    assert "Invitation liée à un compte qui ne détient pas" in page


def test_the_staff_page_names_the_expert_who_took_the_invitation_up_beside_their_own_address(
    client, dossier, instructor
):
    application = dossier["application"]
    invitation = invitation_for(application)
    expert = UserFactory(email=INVITED, first_name="Élise", last_name="Experte")
    experts.take_up(invitation, expert)
    client.force_login(instructor)

    page = client.get(reverse("reviews:dossier_experts", args=[application.number])).text

    assert f"<h3>{INVITED}</h3>" in page
    assert "Invitation acceptée par Élise Experte, depuis le compte qui détient cette adresse, confirmée." in (
        page.replace("&#x27;", "'")
    )
