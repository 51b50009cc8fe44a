"""The real owner of a registered SIRET claims the structure: its administrators, or else the Region, decide."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from deffinov.audit.models import AuditEvent
from deffinov.organisations.models import Claim, Membership
from tests.accounts.factories import UserFactory
from tests.organisations.helpers import page_text
from tests.organisations.test_register import REGISTER, form_data


@pytest.fixture
def functional_admin(db):
    return UserFactory(email="fanny@normandie.fr", functional_admin=True, first_name="Fanny", last_name="Martin")


@pytest.fixture
def claim(lead, outsider):
    return Claim.request(lead, outsider, "Directrice de l'association, signataire des statuts.")


def decide(client, claim, decision, reason=""):
    return client.post(
        reverse("organisations:claim_decide", args=[claim.pk]), {"decision": decision, "reason": reason}, follow=True
    )


def test_the_real_owner_claims_and_the_admins_are_asked(client, lead, outsider, lead_admin, run_tasks):
    client.force_login(outsider)
    page = client.get(lead.get_absolute_url())
    assertContains(page, reverse("organisations:claim_create", args=[lead.pk]))

    response = client.post(
        reverse("organisations:claim_create", args=[lead.pk]),
        {"message": "Directrice, signataire des statuts."},
        follow=True,
    )

    claim = Claim.objects.get()
    assert claim.state == Claim.State.REQUESTED and claim.claimant == outsider
    assert "Votre demande est envoyée aux administrateurs de La Fabrique du Bocage" in page_text(response)
    run_tasks()
    (email,) = mail.outbox
    assert email.to == [lead_admin.email]
    assert "demande à administrer La Fabrique du Bocage" in email.subject
    assert f"/structures/revendications/{claim.pk}/" in email.body
    assert AuditEvent.objects.filter(action="organisations.claim_requested", object_id=str(claim.pk)).exists()


def test_an_admin_accepts_and_the_claimant_becomes_admin(client, claim, lead_admin, outsider, run_tasks):
    client.force_login(lead_admin)
    assertContains(client.get(claim.organisation.get_absolute_url()), claim.get_absolute_url())
    response = decide(client, claim, "accept")

    assert "administre désormais La Fabrique du Bocage" in page_text(response)
    claim.refresh_from_db()
    assert claim.state == Claim.State.ACCEPTED and claim.decided_by == lead_admin and not claim.decided_by_region
    assert Membership.objects.get(user=outsider, organisation=claim.organisation).role == Membership.Role.ADMIN
    assert AuditEvent.objects.filter(action="organisations.claim_accepted", actor=lead_admin).exists()
    run_tasks()
    assert mail.outbox[-1].to == [outsider.email]
    assert "Vous administrez désormais La Fabrique du Bocage" in mail.outbox[-1].subject


def test_an_admin_refuses_with_a_reason(client, claim, lead_admin, outsider, run_tasks):
    client.force_login(lead_admin)
    decide(client, claim, "refuse", "Inconnue de l'association.")

    claim.refresh_from_db()
    assert claim.state == Claim.State.REFUSED
    assert not Membership.objects.filter(user=outsider).exists()
    assert AuditEvent.objects.filter(action="organisations.claim_refused").exists()
    run_tasks()
    assert "Motif : Inconnue de l'association." in mail.outbox[-1].body
    # A decided claim stays decided.
    decide(client, claim, "accept")
    claim.refresh_from_db()
    assert claim.state == Claim.State.REFUSED


def test_the_region_decides_only_once_the_admins_let_the_delay_pass(
    client, claim, functional_admin, outsider, settings
):
    client.force_login(functional_admin)
    review = client.get(reverse("organisations:claims_review"))
    assert "En attente des administrateurs" in page_text(review)
    assert decide(client, claim, "accept").status_code == 403

    Claim.objects.filter(pk=claim.pk).update(created_at=timezone.now() - timedelta(days=settings.CLAIM_ANSWER_DAYS + 1))
    review = client.get(reverse("organisations:claims_review"))
    assertContains(review, claim.get_absolute_url())
    assertContains(client.get(claim.get_absolute_url()), "Accepter : en faire un administrateur")
    decide(client, claim, "accept")

    claim.refresh_from_db()
    assert claim.state == Claim.State.ACCEPTED and claim.decided_by_region
    assert Membership.objects.get(user=outsider).role == Membership.Role.ADMIN


def test_only_the_claimant_the_admins_and_the_region_see_a_claim(client, claim, lead_member, instructor):
    other = UserFactory(email="curieux@exemple.fr")
    for user, status in [(other, 404), (instructor, 404), (lead_member, 404)]:
        client.force_login(user)
        assert client.get(claim.get_absolute_url()).status_code == status
        assert decide(client, claim, "accept").status_code == status
    client.force_login(claim.claimant)
    page = client.get(claim.get_absolute_url())
    assert page.status_code == 200
    assert "Accepter" not in page_text(page)
    assert decide(client, claim, "accept").status_code == 403
    assert client.get(reverse("organisations:claims_review")).status_code == 403
    claim.refresh_from_db()
    assert claim.is_open


def test_a_member_does_not_claim_and_nobody_claims_twice(client, lead, lead_member, outsider):
    client.force_login(lead_member)
    client.post(reverse("organisations:claim_create", args=[lead.pk]), {"message": "Moi."})
    assert not Claim.objects.exists()
    client.force_login(outsider)
    for _ in range(2):
        client.post(reverse("organisations:claim_create", args=[lead.pk]), {"message": "Moi."})
    assert Claim.objects.count() == 1


def test_registering_a_registered_siret_points_to_the_claim(client, lead, outsider, vire):
    client.force_login(outsider)
    response = client.post(REGISTER, form_data(siret=lead.siret))

    assert "Ce SIRET est déjà inscrit sur la plateforme (La Fabrique du Bocage)" in page_text(response)
    assertContains(response, reverse("organisations:claim_create", args=[lead.pk]))
