import datetime as dt

import pytest

from deffinov.audit.models import AuditEvent
from deffinov.bookings import booking as service
from deffinov.bookings import slots
from deffinov.bookings.forms import ResourceForm
from deffinov.bookings.models import Booking, BookingState, Closure, Slot
from deffinov.bookings.workflow import BookingError, apply
from deffinov.formatting import PARIS
from tests.accounts.factories import UserFactory
from tests.bookings.conftest import TUESDAY


def paris(slot):
    return slot.starts_at.astimezone(PARIS).strftime("%H:%M")


def test_slots_follow_the_opening_hours_and_the_slot_length(tuesday_slots):
    # Mo-Fr 09:00-12:00,14:00-18:30: three morning hours, four afternoon hours (18:00-19:00 does not fit).
    assert [paris(slot) for slot in tuesday_slots] == ["09:00", "10:00", "11:00", "14:00", "15:00", "16:00", "17:00"]
    assert all(slot.capacity == 4 and slot.remaining == 4 for slot in tuesday_slots)
    # Listing again creates nothing twice and gives the same ids.
    assert [slot.pk for slot in slots.open_slots(tuesday_slots[0].resource.place, TUESDAY, TUESDAY)] == [
        slot.pk for slot in tuesday_slots
    ]
    assert Slot.objects.count() == 7


def test_no_slot_on_public_holidays_closures_or_beyond_the_horizon(resource, now):
    place = resource.place
    assert slots.open_slots(place, dt.date(2026, 12, 25), dt.date(2026, 12, 25)) == []  # Christmas
    Closure.objects.create(place=place, starts_on=dt.date(2026, 12, 2), ends_on=dt.date(2026, 12, 3), reason="Travaux")
    assert slots.open_slots(place, dt.date(2026, 12, 2), dt.date(2026, 12, 3)) == []
    assert slots.open_slots(place, dt.date(2027, 1, 5), dt.date(2027, 1, 5)) == []  # 36 days ahead, horizon 28
    resource.opening_hours = "Mo-Fr 10:00-12:00; PH 10:00-11:00"
    resource.save()
    assert [paris(slot) for slot in slots.open_slots(place, dt.date(2026, 12, 25), dt.date(2026, 12, 25))] == ["10:00"]


def test_a_learner_books_a_seat_and_the_slot_counts_it(slot, learner):
    booking = service.book(slot.pk, email=learner.email, learner=learner, by=learner)
    slot.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED and slot.remaining == 3
    assert booking.transitions.get().to_state == BookingState.CONFIRMED
    assert AuditEvent.objects.filter(action="booking.create", object_id=str(booking.pk)).exists()


def test_a_learner_books_a_slot_only_once(slot, learner):
    service.book(slot.pk, email=learner.email, learner=learner)
    with pytest.raises(BookingError) as refusal:
        service.book(slot.pk, email="APPRENANT@exemple.fr")
    assert refusal.value.code == "already" and "déjà réservé" in refusal.value.message
    slot.refresh_from_db()
    assert slot.taken == 1


def test_a_full_slot_is_refused_in_french(slot):
    for number in range(4):
        service.book(slot.pk, email=f"personne{number}@exemple.fr")
    with pytest.raises(BookingError) as refusal:
        service.book(slot.pk, email="cinquieme@exemple.fr")
    assert refusal.value.code == "full" and refusal.value.message == "Ce créneau est complet : choisissez-en un autre."


def test_the_database_refuses_an_overbooked_slot(slot):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(taken=5)


def test_a_slot_in_the_past_or_outside_the_hours_is_refused(resource, now, learner):
    past = Slot.objects.create(
        resource=resource,
        starts_at=dt.datetime(2026, 11, 27, 9, tzinfo=PARIS),
        ends_at=dt.datetime(2026, 11, 27, 10, tzinfo=PARIS),
        capacity=4,
    )
    with pytest.raises(BookingError, match="déjà passé"):
        service.book(past.pk, email=learner.email, learner=learner)
    night = Slot.objects.create(
        resource=resource,
        starts_at=dt.datetime(2026, 12, 1, 21, tzinfo=PARIS),
        ends_at=dt.datetime(2026, 12, 1, 22, tzinfo=PARIS),
        capacity=4,
    )
    with pytest.raises(BookingError, match="en dehors des horaires"):
        service.book(night.pk, email=learner.email, learner=learner)
    with pytest.raises(BookingError, match="introuvable"):
        service.book(999_999, email=learner.email, learner=learner)
    assert not Booking.objects.exists()


def test_cancelling_frees_the_seat_until_the_deadline(slot, learner, now):
    booking = service.book(slot.pk, email=learner.email, learner=learner)
    now.move_to(dt.datetime(2026, 12, 1, 7, 30, tzinfo=PARIS))  # 1 h 30 before: the deadline (2 h) is past
    with pytest.raises(BookingError) as refusal:
        apply(booking, "cancel", by=learner)
    assert "trop tard" in refusal.value.message and "1er décembre 2026 à 7\u00a0h\u00a000" in refusal.value.message
    now.move_to(dt.datetime(2026, 11, 30, 18, 0, tzinfo=PARIS))
    assert apply(booking, "cancel", by=learner)
    slot.refresh_from_db()
    assert booking.state == BookingState.CANCELLED and slot.taken == 0
    # The seat can be booked again, by the same person too.
    assert service.book(slot.pk, email=learner.email, learner=learner).state == BookingState.CONFIRMED


def test_only_the_host_marks_attendance_once_the_slot_began(slot, learner, lead_admin, lead_member, now):
    booking = service.book(slot.pk, email=learner.email, learner=learner)
    with pytest.raises(BookingError, match="pas le droit"):
        apply(booking, "attended", by=learner)
    with pytest.raises(BookingError, match="pas le droit"):
        apply(booking, "attended", by=lead_member)
    with pytest.raises(BookingError, match="pas encore commencé"):
        apply(booking, "attended", by=lead_admin)
    now.move_to(dt.datetime(2026, 12, 1, 9, 5, tzinfo=PARIS))
    assert apply(booking, "attended", by=lead_admin)
    assert apply(booking, "no_show", by=lead_admin, motivation="Erreur de saisie")
    assert list(booking.transitions.values_list("to_state", flat=True)) == ["confirmed", "attended", "no_show"]


def test_a_resource_asking_validation_books_requested_then_the_host_confirms(slot, learner, lead_admin):
    resource = slot.resource
    resource.requires_validation = True
    resource.save()
    booking = service.book(slot.pk, email=learner.email, learner=learner)
    assert booking.state == BookingState.REQUESTED
    assert apply(booking, "confirm", by=lead_admin)
    assert booking.state == BookingState.CONFIRMED


def test_capacity_below_the_bookings_is_refused_with_them_listed(slot, learner, resource):
    service.book(slot.pk, email=learner.email, learner=learner)
    service.book(slot.pk, email="autre@exemple.fr")
    data = {field: getattr(resource, field) for field in ResourceForm.Meta.fields}
    form = ResourceForm({**data, "capacity": 1, "active": True}, instance=resource)
    assert not form.is_valid()
    message = form.errors["capacity"][0]
    assert "Impossible de passer à 1 places" in message
    assert "apprenant@exemple.fr" in message and "autre@exemple.fr" in message and "1er décembre 2026" in message
    assert ResourceForm({**data, "capacity": 2, "active": True}, instance=resource).is_valid()


def test_concurrent_bookings_never_overbook_on_sqlite(slot):
    """Sequential on SQLite (writes are serialised); the PostgreSQL test runs them in threads."""
    results = []
    for number in range(10):
        try:
            service.book(slot.pk, email=f"p{number}@exemple.fr")
            results.append("ok")
        except BookingError as error:
            results.append(error.code)
    assert results.count("ok") == 4 and results.count("full") == 6


def test_a_training_organisation_books_for_its_learners(slot, db):
    from tests.organisations.factories import OrganisationFactory

    trainer = UserFactory()
    organisation = OrganisationFactory(training=True, members=[trainer])
    booking = service.book(slot.pk, email="stagiaire@exemple.fr", organisation=organisation, by=trainer)
    assert booking.state == BookingState.CONFIRMED and booking.organisation == organisation
    assert apply(booking, "cancel", by=trainer)


def test_a_seat_asked_by_email_alone_is_given_back_after_48_hours_unconfirmed(slot, now):
    for number in range(4):
        service.book(slot.pk, email=f"p{number}@exemple.fr")
    with pytest.raises(BookingError, match="complet"):
        service.book(slot.pk, email="lea@exemple.fr")
    now.move_to(dt.datetime(2026, 12, 1, 8, 30, tzinfo=PARIS))  # still within 48 h
    with pytest.raises(BookingError, match="complet"):
        service.book(slot.pk, email="lea@exemple.fr")
    Booking.objects.filter(slot=slot).update(created_at=dt.datetime(2026, 11, 28, 8, tzinfo=PARIS))
    booking = service.book(slot.pk, email="lea@exemple.fr")
    assert booking.state == BookingState.REQUESTED
    assert Booking.objects.filter(state=BookingState.CANCELLED).count() == 4
    slot.refresh_from_db()
    assert slot.taken == 1
