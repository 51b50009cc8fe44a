"""Booking a seat: the slot's row is locked, its capacity checked and its counter raised in one transaction; a
database constraint (0 ≤ taken ≤ capacity) and a unique (slot, email) among live bookings back it up."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from deffinov import formatting
from deffinov.audit.models import record
from deffinov.bookings import notify, slots
from deffinov.bookings.models import Booking, BookingState, BookingTransition, Slot
from deffinov.bookings.workflow import BookingError, apply

FULL = "Ce créneau est complet : choisissez-en un autre."
# A seat asked with an email alone is held this long for its link to be followed, then given back.
UNCONFIRMED_HOLD = timezone.timedelta(hours=48)
ALREADY = "Vous avez déjà réservé ce créneau."


def check_bookable(slot, at):
    """The slot is in the future, within the horizon and still offered by the resource's hours."""
    resource = slot.resource
    if slot.starts_at <= at:
        raise BookingError("Ce créneau est déjà passé : choisissez un créneau à venir.", "past")
    if not resource.active:
        raise BookingError("Cette ressource n'est plus ouverte à la réservation.", "closed")
    horizon = formatting.in_paris(at).date() + timezone.timedelta(days=resource.horizon_days)
    if formatting.in_paris(slot.starts_at).date() > horizon:
        raise BookingError(
            f"Ce créneau est trop loin : on réserve au plus {resource.horizon_days} jours à l'avance.", "closed"
        )
    if not slots.is_offered(resource, slot.starts_at, slot.ends_at):
        raise BookingError(
            "Ce créneau est en dehors des horaires d'ouverture du lieu (ou le lieu est fermé ce jour-là).", "closed"
        )


def book(slot_id, *, email, learner=None, name="", public="", organisation=None, by=None, at=None):
    """Book a seat of the slot for `email` (lower-cased); returns the booking.

    Confirmed at once for an account whose email is verified, unless the resource asks the host to validate;
    requested otherwise (an email to confirm, or the host's validation). Raises BookingError: "full", "already",
    "past", "closed", "not_found"."""
    at = at or timezone.now()
    email = email.strip().lower()
    email_confirmed = learner is not None or organisation is not None
    try:
        with transaction.atomic():
            try:
                slot = Slot.objects.select_for_update().select_related("resource__place").get(pk=slot_id)
            except Slot.DoesNotExist:
                raise BookingError("Créneau introuvable.", "not_found") from None
            check_bookable(slot, at)
            release_unconfirmed(slot, at)
            if Booking.objects.filter(slot=slot, email=email).exclude(state=BookingState.CANCELLED).exists():
                raise BookingError(ALREADY if learner or not organisation else f"{email} a déjà ce créneau.", "already")
            if slot.taken >= slot.capacity:
                raise BookingError(FULL, "full")
            state = (
                BookingState.CONFIRMED
                if email_confirmed and not slot.resource.requires_validation
                else BookingState.REQUESTED
            )
            Slot.objects.filter(pk=slot.pk).update(taken=F("taken") + 1)
            slot.taken += 1  # the row is locked: nobody else changed it meanwhile
            booking = Booking.objects.create(
                slot=slot,
                learner=learner,
                email=email,
                name=name,
                public=public,
                organisation=organisation,
                booked_by=by if by is not None and by.is_authenticated else None,
                state=state,
                email_confirmed_at=at if email_confirmed else None,
                created_at=at,
            )
            BookingTransition.objects.create(
                booking=booking, from_state="", to_state=state, by=booking.booked_by, at=at
            )
            record(
                "booking.create",
                actor=booking.booked_by,
                target=booking,
                summary=f"Réservation {booking.pk} : {slot} pour {email} ({BookingState(state).label})",
                data={"slot": slot.pk, "state": state, "organisation": organisation.pk if organisation else None},
            )
            notify.booked(booking)
    except IntegrityError:
        # The constraints caught what the lock should have: the same person twice, or a full slot.
        raise BookingError(ALREADY, "already") from None
    return booking


def release_unconfirmed(slot, at):
    """Give back the seats of the slot (locked by the caller) whose email was not confirmed in time."""
    stale = list(
        Booking.objects.filter(
            slot=slot,
            state=BookingState.REQUESTED,
            email_confirmed_at__isnull=True,
            created_at__lt=at - UNCONFIRMED_HOLD,
        ).values_list("pk", flat=True)
    )
    if not stale:
        return
    Booking.objects.filter(pk__in=stale).update(state=BookingState.CANCELLED)
    Slot.objects.filter(pk=slot.pk).update(taken=F("taken") - len(stale))
    slot.taken -= len(stale)
    BookingTransition.objects.bulk_create(
        BookingTransition(
            booking_id=pk,
            from_state=BookingState.REQUESTED,
            to_state=BookingState.CANCELLED,
            at=at,
            motivation="Courriel non confirmé à temps",
        )
        for pk in stale
    )
    record(
        "booking.expire",
        target=slot,
        summary=f"{len(stale)} réservation(s) sans courriel confirmé libérée(s) : {slot}",
        data={"bookings": stale},
    )


def confirm_email(booking, at=None):
    """The learner followed the link of the email: the seat is theirs (or awaits the host's validation)."""
    at = at or timezone.now()
    with transaction.atomic():
        changed = Booking.objects.filter(pk=booking.pk, email_confirmed_at__isnull=True, nonce=booking.nonce).update(
            email_confirmed_at=at, nonce=Booking._meta.get_field("nonce").default()
        )
        if changed != 1:
            return False
        booking.refresh_from_db()
        if booking.state == BookingState.REQUESTED and not booking.slot.resource.requires_validation:
            apply(booking, "confirm_email", at=at, via_link=True)
            notify.confirmed(booking)
    return True
