"""« Mon espace » follows what waits on others: the invitations a dossier sent by SIRET to structures not yet
registered, and, for the Region's functional administrators, the structure claims left to them."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.models import PartnerInvitation, State
from deffinov.organisations.claims import Claim
from tests.accounts.factories import UserFactory
from tests.accounts.test_todo import home, section
from tests.applications.factories import draft, join, person
from tests.organisations.factories import OrganisationFactory, siret

pytestmark = pytest.mark.django_db

NBSP = "\xa0"
UTC = dt.UTC


@time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=UTC), tick=False)
def test_an_invitation_sent_by_siret_waits_on_the_home_of_the_lead_with_its_expiry(client):
    application, _lead, admin = draft(title="Espace du Bocage")
    sent = PartnerInvitation.objects.create(
        application=application, email="direction@atelier.fr", siret="12345678900011", invited_by=admin
    )
    PartnerInvitation.objects.create(
        application=application,
        email="ancienne@atelier.fr",
        siret=siret(),
        invited_by=admin,
        expires_at=timezone.now() - dt.timedelta(minutes=1),
    )

    block = section(home(client, admin), "Invitations envoyées")

    assert (
        f"Invitation envoyée à direction@atelier.fr (SIRET 12345678900011) le 3 mars 2026, en attente — "
        f"expire le 17 mars 2026 à 10{NBSP}h{NBSP}00." in block
    )
    assert f'href="{reverse("applications:consortium", args=[application.number])}"' in block
    assert "ancienne@atelier.fr" not in block

    sent.accepted_at = timezone.now()
    sent.save()
    assert "Invitations envoyées" not in home(client, admin)


def test_a_partner_or_a_submitted_dossier_shows_no_sent_invitation(client):
    application, _lead, admin = draft()
    partner = OrganisationFactory()
    join(application, partner)
    PartnerInvitation.objects.create(application=application, email="x@atelier.fr", siret=siret(), invited_by=admin)

    assert "Invitations envoyées" not in home(client, person(partner))

    application.state, application.submitted_at = State.SUBMITTED, timezone.now()
    application.save()
    assert "Invitations envoyées" not in home(client, admin)


def test_a_functional_admin_is_told_of_the_claims_left_to_the_region(client, settings):
    settings.CLAIM_ANSWER_DAYS = 7
    admin = UserFactory(functional_admin=True)
    late = Claim.request(OrganisationFactory(name="La Fabrique du Bocage"), UserFactory(), "Directrice.")
    Claim.objects.filter(pk=late.pk).update(created_at=dt.datetime(2026, 1, 5, 14, 0, tzinfo=UTC))
    Claim.request(OrganisationFactory(name="L'Atelier récent"), UserFactory(), "Président.")

    block = section(home(client, admin), "Revendications de structures")

    assert f'<a href="{late.get_absolute_url()}">La Fabrique du Bocage</a>' in block
    assert f"Demandée le 5 janvier 2026 à 15{NBSP}h{NBSP}00" in block
    assert "Atelier récent" not in block
    assert f'href="{reverse("organisations:claims_review")}"' in block


def test_no_claim_block_for_an_instructor(client):
    assert "Revendications de structures" not in home(client, UserFactory(instructor=True))
