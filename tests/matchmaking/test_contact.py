"""Contact through the platform: emails through the outbox, no address shown before the answer, limits on spam."""

from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from deffinov.matchmaking.contact import FIRST_CONTACTS_PER_DAY, MESSAGES_PER_HOUR
from deffinov.matchmaking.models import Thread, ThreadMessage
from tests.matchmaking.factories import AdFactory
from tests.organisations.factories import OrganisationFactory


def text(response):
    return unescape(response.content.decode())


@pytest.fixture
def ad(lead, communes):
    """La Fabrique du Bocage's ad, administered by Claire (admin@tiers-lieu-vire.fr)."""
    return AdFactory(organisation=lead, title="Tiers-lieu cherche formateurs")


def write(client, ad, body="Bonjour, nous formons au numérique à Caen : parlons-en ?"):
    return client.post(reverse("matchmaking:contact", args=[ad.pk]), {"body": body})


def test_no_address_is_shown_until_the_ad_structure_answers(client, ad, trainer, trainer_admin, lead_admin, run_tasks):
    client.force_login(trainer_admin)
    response = write(client, ad)
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    page = text(client.get(thread.get_absolute_url()))
    assert "parlons-en" in page
    assert "admin@tiers-lieu-vire.fr" not in page and "direction@formation-caen.fr" not in page
    assert "restent cachées" in page

    run_tasks()
    assert [email.to for email in mail.outbox] == [["admin@tiers-lieu-vire.fr"]]
    email = mail.outbox[0]
    assert "Caen Formation souhaite devenir partenaire" in email.subject
    assert "direction@formation-caen.fr" not in email.body and not email.reply_to
    assert f"/partenaires/conversations/{thread.pk}/" in email.body

    client.force_login(lead_admin)
    page = text(client.get(thread.get_absolute_url()))
    assert "direction@formation-caen.fr" not in page  # not before the answer either way
    client.post(thread.get_absolute_url(), {"body": "Avec plaisir, venez visiter la salle mardi."})
    thread.refresh_from_db()
    assert thread.answered_at is not None
    page = text(client.get(thread.get_absolute_url()))
    assert "direction@formation-caen.fr" in page and "admin@tiers-lieu-vire.fr" in page

    client.force_login(trainer_admin)
    assert "admin@tiers-lieu-vire.fr" in text(client.get(thread.get_absolute_url()))
    run_tasks()
    assert mail.outbox[-1].to == ["direction@formation-caen.fr"]


def test_the_ad_page_shows_no_address_of_its_structure(client, ad, trainer_admin, trainer, lead_admin):
    client.force_login(trainer_admin)
    page = text(client.get(ad.get_absolute_url()))
    assert "Écrire à La Fabrique du Bocage" in page
    assert "admin@tiers-lieu-vire.fr" not in page and "@" not in page.split("<main")[1].split("</main>")[0]


def test_a_second_contact_continues_the_same_thread(client, ad, trainer, trainer_admin):
    client.force_login(trainer_admin)
    write(client, ad)
    write(client, ad, "Un complément : nous avons aussi un CFA partenaire.")
    assert Thread.objects.count() == 1 and ThreadMessage.objects.count() == 2


def test_first_contacts_are_limited_per_structure_and_day(client, trainer, trainer_admin, communes):
    ads = [
        AdFactory(organisation=OrganisationFactory(name=f"Tiers-lieu {n}")) for n in range(FIRST_CONTACTS_PER_DAY + 1)
    ]
    client.force_login(trainer_admin)
    for each in ads[:FIRST_CONTACTS_PER_DAY]:
        assert write(client, each).status_code == 302
    refused = write(client, ads[-1], "Message gardé malgré le refus")
    assert refused.status_code == 429
    page = text(refused)
    assert "5 structures en 24 heures" in page and "Message gardé malgré le refus" in page
    assert Thread.objects.count() == FIRST_CONTACTS_PER_DAY
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert write(client, ads[-1]).status_code == 302


def test_messages_are_limited_per_person_and_hour(client, ad, trainer, trainer_admin):
    client.force_login(trainer_admin)
    for n in range(MESSAGES_PER_HOUR):
        assert write(client, ad, f"Message {n}").status_code == 302
    thread = Thread.objects.get()
    refused = client.post(thread.get_absolute_url(), {"body": "Le vingt et unième"})
    assert refused.status_code == 429
    assert "20 messages en une heure" in text(refused) and "Le vingt et unième" in text(refused)
    assert ThreadMessage.objects.count() == MESSAGES_PER_HOUR


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "Ce champ est obligatoire"), ("   ", "Ce champ est obligatoire"), ("x" * 2001, "au plus")],
)
def test_an_empty_or_overlong_message_is_refused_in_french(client, ad, trainer, trainer_admin, body, message):
    client.force_login(trainer_admin)
    response = write(client, ad, body)
    assert response.status_code == 422 and message in text(response)
    assert not Thread.objects.exists()


def test_threads_are_for_the_people_of_both_structures_only(client, ad, trainer, trainer_admin, outsider, lead_member):
    client.force_login(trainer_admin)
    write(client, ad)
    thread = Thread.objects.get()
    client.force_login(outsider)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.post(thread.get_absolute_url(), {"body": "Intrus"}).status_code == 404
    client.force_login(lead_member)
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert "Caen Formation" in text(client.get(reverse("matchmaking:threads")))
    client.logout()
    assert client.get(thread.get_absolute_url()).status_code == 302


def test_nobody_writes_to_a_paused_ad_or_to_their_own(client, lead, lead_admin, trainer, trainer_admin, communes):
    paused = AdFactory(organisation=lead, paused=True)
    own = AdFactory(organisation=trainer)
    client.force_login(trainer_admin)
    assert write(client, paused).status_code == 404
    client.force_login(lead_admin)
    assert write(client, own).status_code == 302  # Claire writes to the training organisation
    client.force_login(trainer_admin)
    response = write(client, own)
    assert response.status_code == 302  # nobody else to write as: told, not written
    assert Thread.objects.filter(organisation=trainer).count() == 0
