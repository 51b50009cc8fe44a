"""From a suggestion, one click invites the structure into a dossier in progress, through the consortium's own
invitation; refused politely when it already takes part."""

from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from deffinov.applications.models import Participation
from tests.accounts.factories import UserFactory
from tests.applications.factories import draft, join
from tests.matchmaking.factories import AdFactory
from tests.organisations.factories import OrganisationFactory


def text(response):
    return unescape(response.content.decode())


@pytest.fixture
def dossier(lead, lead_admin):
    application, _lead, _admin = draft(lead=lead, admin=lead_admin, title="Espace de compétences du Bocage")
    return application


@pytest.fixture
def trainer_ad(trainer):
    return AdFactory(organisation=trainer, title="Formations au numérique à Caen")


def test_one_click_from_a_suggestion_invites_the_structure(
    client, lead, lead_admin, dossier, trainer, trainer_ad, trainer_admin, run_tasks
):
    AdFactory(organisation=lead)
    client.force_login(lead_admin)
    page = text(client.get(reverse("matchmaking:index")))
    assert f"Inviter à mon dossier {dossier.number}" in page
    response = client.post(
        reverse("matchmaking:invite", args=[trainer_ad.pk]),
        {"dossier": dossier.number, "next": reverse("matchmaking:index")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("matchmaking:index")
    assert f"Caen Formation est invitée au dossier {dossier.number}" in text(response)
    participation = Participation.objects.get(application=dossier, organisation=trainer)
    assert (participation.status, participation.role) == ("invited", "member")
    run_tasks()
    assert any(email.to == ["direction@formation-caen.fr"] for email in mail.outbox)


def test_refused_politely_when_the_structure_already_takes_part(client, lead_admin, dossier, trainer, trainer_ad):
    join(dossier, trainer)
    client.force_login(lead_admin)
    assert f"Inviter Caen Formation à mon dossier {dossier.number}" in text(client.get(trainer_ad.get_absolute_url()))
    response = client.post(
        reverse("matchmaking:invite", args=[trainer_ad.pk]), {"dossier": dossier.number}, follow=True
    )
    assert "« Caen Formation » en fait déjà partie" in text(response)
    assert Participation.objects.filter(application=dossier, organisation=trainer).count() == 1


def test_only_drafts_whose_lead_the_user_administers(client, lead_member, dossier, trainer_ad):
    """A member (not admin) of the lead, or an outsider forging the number, invites nobody."""
    client.force_login(lead_member)
    response = client.post(
        reverse("matchmaking:invite", args=[trainer_ad.pk]), {"dossier": dossier.number}, follow=True
    )
    assert "aucun dossier en cours" in text(response)
    other_admin = UserFactory()
    draft(lead=OrganisationFactory(name="Autre tiers-lieu", admins=[other_admin]), admin=other_admin)
    client.force_login(other_admin)
    response = client.post(
        reverse("matchmaking:invite", args=[trainer_ad.pk]), {"dossier": dossier.number}, follow=True
    )
    assert "Choisissez un de vos dossiers" in text(response)
    assert not Participation.objects.filter(application=dossier, organisation=trainer_ad.organisation).exists()
