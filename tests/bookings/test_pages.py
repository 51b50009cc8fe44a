import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from deffinov.bookings import booking as service
from deffinov.bookings.models import Booking, BookingState
from deffinov.formatting import PARIS
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory


def link_in(message, name):
    return re.search(rf"https://deffinov\.normandie\.fr(/reservations/{name}/[^/\s]+/)", message.body)[1]


def test_the_place_page_invites_to_book_and_lists_the_slots(client, slot):
    place = slot.resource.place
    page = client.get(place.get_absolute_url()).content.decode()
    assert "Réserver une place" in page and reverse("bookings:place", args=[place.pk]) in page
    page = client.get(reverse("bookings:place", args=[place.pk])).content.decode()
    assert "mardi 1er décembre 2026" in page
    assert "9\u00a0h\u00a000 – 10\u00a0h\u00a000, Salle de formation à distance : 4 places libres" in page


def test_a_learner_with_an_account_books_from_the_page_and_cancels_from_mon_espace(client, slot, learner, run_tasks):
    client.force_login(learner)
    url = reverse("bookings:book", args=[slot.resource.place_id])
    response = client.post(url, {"slot": slot.pk, "public": "demandeurs_emploi"})
    assert response.status_code == 302 and response["Location"] == reverse("bookings:mine")
    booking = Booking.objects.get()
    assert booking.state == BookingState.CONFIRMED and booking.learner == learner
    run_tasks()
    (message,) = mail.outbox
    assert message.to == ["apprenant@exemple.fr"] and "Réservation confirmée" in message.subject
    assert message.attachments[0][0] == f"reservation-{booking.pk}.ics"
    home = client.get(reverse("accounts:dashboard") if False else "/mon-espace/").content.decode()
    assert "Mes réservations" in home
    mine = client.get(reverse("bookings:mine")).content.decode()
    assert "mardi 1er décembre 2026" in mine
    client.post(reverse("bookings:cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.state == BookingState.CANCELLED


def test_without_an_account_the_email_is_confirmed_by_a_link_used_once(client, slot, run_tasks):
    url = reverse("bookings:book", args=[slot.resource.place_id])
    response = client.post(url, {"slot": slot.pk, "email": "Sans.Compte@Exemple.fr", "name": "Sam"})
    assert "Plus qu'une étape" in response.content.decode()
    booking = Booking.objects.get()
    assert booking.state == BookingState.REQUESTED and booking.email == "sans.compte@exemple.fr"
    run_tasks()
    confirm = link_in(mail.outbox[0], "confirmer")
    assert client.get(confirm).status_code == 200
    booking.refresh_from_db()
    assert booking.state == BookingState.REQUESTED  # following the link changes nothing by itself
    assert "Votre place est réservée" in client.post(confirm).content.decode()
    booking.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED
    assert client.post(confirm).status_code == 404  # single use
    run_tasks()
    assert mail.outbox[-1].subject.startswith("Réservation confirmée")


def test_the_cancel_link_asks_before_cancelling_and_is_bound_to_its_addressee(client, slot, learner, run_tasks):
    booking = service.book(slot.pk, email=learner.email, learner=learner)
    other = service.book(slot.pk, email="autre@exemple.fr")
    run_tasks()
    link = link_in(mail.outbox[0], "annuler")
    assert "Annuler ma réservation" in client.get(link).content.decode()
    booking.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED
    # A token for one booking's address does not open another booking, nor survives a change of its address.
    forged = link.replace(f"/annuler/{link.split('/')[-2]}/", "/annuler/abc/")
    assert client.get(forged).status_code == 404
    Booking.objects.filter(pk=other.pk).update(email="pirate@exemple.fr")
    Booking.objects.filter(pk=booking.pk).update(email="changee@exemple.fr")
    assert client.post(link).status_code == 404
    Booking.objects.filter(pk=booking.pk).update(email=learner.email)
    assert "est annulée" in client.post(link).content.decode()
    booking.refresh_from_db()
    assert booking.state == BookingState.CANCELLED


def test_a_bad_booking_keeps_what_was_typed_and_says_why(client, slot):
    url = reverse("bookings:book", args=[slot.resource.place_id])
    response = client.post(url, {"slot": "999999", "email": "lea@exemple.fr", "name": "Léa"})
    page = response.content.decode()
    assert response.status_code == 400 and "Choisissez un créneau parmi ceux proposés" in page
    assert 'value="lea@exemple.fr"' in page and 'value="Léa"' in page
    response = client.post(url, {"slot": slot.pk, "email": "pas-une-adresse"})
    assert response.status_code == 400 and f'value="{slot.pk}" id="slot-{slot.pk}" required checked' in (
        response.content.decode()
    )
    assert not Booking.objects.exists()


def test_a_full_slot_answers_409_with_the_form_kept(client, slot):
    for number in range(4):
        service.book(slot.pk, email=f"p{number}@exemple.fr")
    url = reverse("bookings:book", args=[slot.resource.place_id])
    response = client.post(url, {"slot": slot.pk, "email": "lea@exemple.fr"})
    assert response.status_code == 409
    assert "Ce créneau est complet" in response.content.decode() and 'value="lea@exemple.fr"' in (
        response.content.decode()
    )


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("outsider", 404), ("member", 404), ("admin", 200)])
def test_only_the_hosts_see_the_places_bookings(client, slot, who, status, outsider, lead_member, lead_admin):
    service.book(slot.pk, email="lea@exemple.fr")
    users = {"outsider": outsider, "member": lead_member, "admin": lead_admin}
    if who in users:
        client.force_login(users[who])
    response = client.get(reverse("bookings:host", args=[slot.resource.place_id]), {"jour": "2026-12-01"})
    assert response.status_code == status
    if status == 200:
        assert "lea@exemple.fr" in response.content.decode()


def test_a_learner_sees_only_their_own_bookings(client, slot, learner):
    theirs = service.book(slot.pk, email="autre@exemple.fr", learner=UserFactory(email="autre@exemple.fr"))
    client.force_login(learner)
    assert "autre@exemple.fr" not in client.get(reverse("bookings:mine")).content.decode()
    assert client.post(reverse("bookings:cancel", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("bookings:host_action", args=[theirs.pk]), {"action": "attended"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == BookingState.CONFIRMED


def test_the_host_marks_attendance_and_exports_the_week(client, slot, lead_admin, learner, now):
    booking = service.book(slot.pk, email=learner.email, learner=learner, name="Léa Martin", public="salaries")
    client.force_login(lead_admin)
    now.move_to(dt.datetime(2026, 12, 1, 9, 10, tzinfo=PARIS))
    host = reverse("bookings:host", args=[slot.resource.place_id])
    response = client.post(reverse("bookings:host_action", args=[booking.pk]), {"action": "attended", "next": host})
    assert response["Location"] == host
    booking.refresh_from_db()
    assert booking.state == BookingState.ATTENDED
    export = client.get(host, {"jour": "2026-12-01", "vue": "semaine", "format": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert "Léa Martin;apprenant@exemple.fr;Salariés;;Présent" in text
    xlsx = client.get(host, {"jour": "2026-12-01", "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(xlsx.streaming_content).startswith(b"PK")
    xlsx.close()


def test_the_embed_page_may_be_framed_by_any_site(client, slot):
    response = client.get(reverse("bookings:embed", args=[slot.resource.place_id]))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert not response.cookies
    assert "4 places libres" in response.content.decode()
    # Other pages still refuse frames.
    assert (
        "frame-ancestors 'none'"
        in client.get(reverse("bookings:place", args=[slot.resource.place_id]))["Content-Security-Policy"]
    )


def test_a_training_organisation_books_a_group_all_or_nothing(client, slot):
    trainer = UserFactory()
    organisation = OrganisationFactory(training=True, members=[trainer])
    client.force_login(trainer)
    url = reverse("bookings:group", args=[slot.pk])
    five = "\n".join(f"Stagiaire {n} <s{n}@exemple.fr>" for n in range(5))
    response = client.post(url, {"organisation": organisation.pk, "learners": five})
    assert "Aucune place n'a été réservée" in response.content.decode() and "s4@exemple.fr" in response.content.decode()
    assert not Booking.objects.exists()
    response = client.post(url, {"organisation": organisation.pk, "learners": "s1@exemple.fr\nLéo <s2@exemple.fr>"})
    assert response.status_code == 302
    assert set(Booking.objects.values_list("email", "organisation")) == {
        ("s1@exemple.fr", organisation.pk),
        ("s2@exemple.fr", organisation.pk),
    }


def test_group_booking_is_for_training_organisations_only(client, slot, lead_admin):
    client.force_login(lead_admin)  # a tiers-lieu's administrator
    assert client.get(reverse("bookings:group", args=[slot.pk])).status_code == 404


def test_the_host_cannot_lower_the_capacity_below_the_bookings(client, slot, lead_admin):
    service.book(slot.pk, email="lea@exemple.fr")
    service.book(slot.pk, email="paul@exemple.fr")
    resource = slot.resource
    client.force_login(lead_admin)
    url = reverse("bookings:resource_edit", args=[resource.place_id, resource.pk])
    data = {
        "kind": "seats",
        "name": "Salle de formation à distance",
        "capacity": "1",
        "opening_hours": "",
        "slot_minutes": "60",
        "horizon_days": "28",
        "cancellation_hours": "2",
        "active": "on",
    }
    page = client.post(url, data).content.decode()
    assert "Impossible de passer à 1 places" in page and "lea@exemple.fr" in page and "paul@exemple.fr" in page
    resource.refresh_from_db()
    assert resource.capacity == 4
    assert client.post(url, {**data, "capacity": "6"}).status_code == 302
    slot.refresh_from_db()
    assert slot.capacity == 6
