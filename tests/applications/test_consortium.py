import datetime as dt

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.models import Application, Participation, PartnerInvitation
from tests.applications.factories import OrganisationFactory, WaveFactory, draft, person, siret


def test_structure_admin_creates_a_dossier_and_becomes_lead(db, login):
    wave = WaveFactory()
    organisation = OrganisationFactory(name="Le Tiers-Lieu du Bocage")
    client = login(person(organisation))
    response = client.get(reverse("applications:create"))
    assert wave.title in response.content.decode()
    response = client.post(
        reverse("applications:create"), {"wave": wave.pk, "organisation": organisation.pk, "title": "Bocage"}
    )
    application = Application.objects.get()
    assert response.url == reverse("applications:consortium", args=[application.number])
    assert application.number.startswith("DEF-")
    lead = application.participations.get()
    assert lead.is_lead and lead.status == "accepted" and lead.organisation == organisation


def test_numbers_follow_each_other_per_year(db):
    first, _, _ = draft()
    second, _, _ = draft(wave=first.wave)
    year = first.number.split("-")[1]
    assert (first.number, second.number) == (f"DEF-{year}-0001", f"DEF-{year}-0002")


def test_a_plain_member_cannot_create_a_dossier_for_the_structure(db, login):
    wave = WaveFactory()
    organisation = OrganisationFactory()
    client = login(person(organisation, role="member"))
    response = client.post(
        reverse("applications:create"), {"wave": wave.pk, "organisation": organisation.pk, "title": "X"}
    )
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_closed_wave_is_not_offered(db, login):
    wave = WaveFactory(
        opens_at=dt.datetime(2023, 1, 26, tzinfo=dt.UTC), closes_at=dt.datetime(2023, 4, 28, tzinfo=dt.UTC)
    )
    organisation = OrganisationFactory()
    client = login(person(organisation))
    response = client.post(
        reverse("applications:create"), {"wave": wave.pk, "organisation": organisation.pk, "title": "X"}
    )
    assert "Aucune vague de l'appel à projets n'est ouverte" in response.content.decode()
    assert not Application.objects.exists()


def test_lead_finds_a_partner_invites_it_and_the_partner_accepts(db, client, run_tasks):
    application, _lead, admin = draft()
    partner = OrganisationFactory(training=True, name="Formations du Calvados")
    partner_admin = person(partner)
    client.force_login(admin)
    response = client.get(reverse("applications:consortium", args=[application.number]), {"q": "calvados"})
    assert "Formations du Calvados" in response.content.decode()
    response = client.get(reverse("applications:consortium", args=[application.number]), {"q": "Caen"})
    assert "Formations du Calvados" in response.content.decode()
    response = client.get(reverse("applications:consortium", args=[application.number]), {"q": partner.siret[:9]})
    assert "Formations du Calvados" in response.content.decode()
    mail.outbox.clear()
    client.post(
        reverse("applications:invite", args=[application.number]), {"organisation": partner.pk, "role": "member"}
    )
    run_tasks()
    participation = Participation.objects.get(organisation=partner)
    assert participation.status == "invited"
    assert [message.to for message in mail.outbox] == [[partner_admin.email]]
    assert application.number in mail.outbox[0].subject
    # The partner's admin sees the invitation on the list, and accepts.
    client.force_login(partner_admin)
    response = client.get(reverse("applications:list"))
    assert "Le Tiers-Lieu du Bocage" in response.content.decode()
    assert "Accepter" in response.content.decode()
    response = client.post(reverse("applications:answer", args=[participation.pk]), {"answer": "accept"})
    assert response.url == application.get_absolute_url()
    participation.refresh_from_db()
    assert participation.status == "accepted"
    assert client.get(application.get_absolute_url()).status_code == 200


def test_partner_declines(db, client):
    application, _lead, _admin = draft()
    partner = OrganisationFactory(training=True)
    participation = Participation.objects.create(application=application, organisation=partner)
    client.force_login(person(partner))
    client.post(reverse("applications:answer", args=[participation.pk]), {"answer": "decline"})
    participation.refresh_from_db()
    assert participation.status == "declined"
    assert client.get(application.get_absolute_url()).status_code == 404


def test_someone_else_cannot_answer_the_invitation(db, client):
    application, _lead, admin = draft()
    participation = Participation.objects.create(application=application, organisation=OrganisationFactory())
    client.force_login(admin)
    assert client.post(reverse("applications:answer", args=[participation.pk]), {"answer": "accept"}).status_code == 404


def test_clear_messages_for_own_structure_and_duplicates(db, client):
    application, lead, admin = draft()
    partner = OrganisationFactory(training=True, name="Formations du Calvados")
    client.force_login(admin)
    invite = reverse("applications:invite", args=[application.number])
    response = client.post(invite, {"organisation": lead.organisation.pk, "role": "member"}, follow=True)
    assert "est votre propre structure" in response.content.decode()
    client.post(invite, {"organisation": partner.pk, "role": "member"})
    response = client.post(invite, {"organisation": partner.pk, "role": "member"}, follow=True)
    assert "est déjà invitée" in response.content.decode()
    assert application.participations.count() == 2


def test_invite_by_email_with_an_invalid_siret_keeps_what_was_typed(db, client):
    application, _lead, admin = draft()
    client.force_login(admin)
    response = client.post(
        reverse("applications:invite_by_email", args=[application.number]),
        {"email": "contact@cfa.fr", "siret": "12345678901234", "role": "member"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Ce SIRET n&#x27;est pas valide" in html
    assert 'value="contact@cfa.fr"' in html
    assert not PartnerInvitation.objects.exists()


def test_unregistered_partner_invited_by_email_registers_then_joins(db, client, run_tasks):
    application, _lead, admin = draft()
    client.force_login(admin)
    number = siret()
    mail.outbox.clear()
    client.post(
        reverse("applications:invite_by_email", args=[application.number]),
        {"email": "contact@cfa.fr", "siret": number, "role": "associated"},
    )
    invitation = PartnerInvitation.objects.get()
    run_tasks()
    assert mail.outbox[0].to == ["contact@cfa.fr"]
    assert invitation.token in mail.outbox[0].body
    link = reverse("applications:partner_invitation", args=[invitation.token])
    newcomer = person(OrganisationFactory(), email="contact@cfa.fr")
    client.force_login(newcomer)
    assert "inscrivez d'abord la structure" in client.get(link).content.decode()
    organisation = OrganisationFactory(siret=number, training=True)
    from deffinov.organisations.models import Membership

    Membership.objects.create(user=newcomer, organisation=organisation, role="admin")
    response = client.post(link)
    assert response.url == application.get_absolute_url()
    participation = application.participations.get(organisation=organisation)
    assert (participation.status, participation.role) == ("accepted", "associated")


def test_expired_invitation_says_so(db, client):
    application, _lead, admin = draft()
    invitation = PartnerInvitation.objects.create(
        application=application, email="a@b.fr", siret=siret(), invited_by=admin
    )
    organisation = OrganisationFactory(siret=invitation.siret)
    client.force_login(person(organisation))
    with time_machine.travel(timezone.now() + dt.timedelta(days=14, minutes=1)):
        client.force_login(organisation.memberships.get().user)
        response = client.post(reverse("applications:partner_invitation", args=[invitation.token]))
    assert "Cette invitation a expiré" in response.content.decode()
    assert not application.participations.filter(organisation=organisation).exists()


def test_lead_hands_over_the_lead_to_an_accepted_member(consortium, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    client.post(
        reverse("applications:transfer_lead", args=[application.number]),
        {"participation": consortium["partner"].pk},
    )
    assert application.participations.get(is_lead=True) == consortium["partner"]
    # The former lead's admin can no longer manage the consortium.
    response = client.post(
        reverse("applications:transfer_lead", args=[application.number]), {"participation": consortium["lead"].pk}
    )
    assert response.status_code == 403


def test_associated_partner_cannot_become_lead(consortium, client):
    application = consortium["application"]
    Participation.objects.filter(pk=consortium["partner"].pk).update(role="associated")
    client.force_login(consortium["lead_admin"])
    response = client.post(
        reverse("applications:transfer_lead", args=[application.number]),
        {"participation": consortium["partner"].pk},
        follow=True,
    )
    assert "Seul un membre ayant accepté" in response.content.decode()
    assert application.participations.get(is_lead=True) == consortium["lead"]


def test_a_structure_with_a_large_id_can_be_invited(db, login):
    """Ids go into forms unformatted: « 12 345 » in a hidden field would be refused as an unknown structure."""
    application, _, admin = draft()
    partner = OrganisationFactory(pk=12345, training=True, name="Formations du Calvados")
    client = login(admin)
    url = reverse("applications:consortium", args=[application.number])
    page = client.get(url, {"q": "Formations"}).content.decode()
    assert 'name="organisation" value="12345"' in page

    client.post(reverse("applications:invite", args=[application.number]), {"organisation": "12345", "role": "member"})
    assert application.participations.filter(organisation=partner, status="invited").exists()
