"""The states of a booking and the transitions between them, declared in one table.

Each transition names who may trigger it (`learner`: the person booked or the structure that booked for them;
`host`: an administrator of the place's structure; `system`: a confirmation link), its guard (raises
`BookingError` with a French message) and whether it frees the seat. The change is a conditional UPDATE on the
current state, under a row lock on the slot when a seat is freed; each transition leaves a `BookingTransition` row
and an audit event.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from deffinov import formatting
from deffinov.audit.models import record
from deffinov.bookings import notify
from deffinov.bookings.models import Booking, BookingState, BookingTransition, Slot


class BookingError(Exception):
    """A refusal the person can read: `message` in French, `code` for the API's status."""

    def __init__(self, message, code="invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


def guard_none(booking, at):
    pass


def guard_cancel_by_learner(booking, at):
    if at >= booking.cancellation_deadline:
        raise BookingError(
            "Il est trop tard pour annuler en ligne : l'annulation était possible jusqu'au "
            f"{formatting.datetime(booking.cancellation_deadline)}. Prévenez le lieu directement.",
            "deadline",
        )


def guard_started(booking, at):
    if at < booking.slot.starts_at:
        raise BookingError(
            f"Le créneau n'a pas encore commencé : la présence se note à partir du "
            f"{formatting.datetime(booking.slot.starts_at)}.",
            "not_started",
        )


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple
    target: str
    label: str
    who: str  # "learner", "host" or "system"
    guard: Callable
    frees_seat: bool = False


ACTIVE = (BookingState.REQUESTED, BookingState.CONFIRMED)
TRANSITIONS = {
    "confirm": Transition(
        "confirm", (BookingState.REQUESTED,), BookingState.CONFIRMED, "Confirmer", "host", guard_none
    ),
    "confirm_email": Transition(
        "confirm_email", (BookingState.REQUESTED,), BookingState.CONFIRMED, "Courriel confirmé", "system", guard_none
    ),
    "decline": Transition(
        "decline", (BookingState.REQUESTED,), BookingState.CANCELLED, "Refuser", "host", guard_none, frees_seat=True
    ),
    "cancel": Transition(
        "cancel", ACTIVE, BookingState.CANCELLED, "Annuler", "learner", guard_cancel_by_learner, frees_seat=True
    ),
    "host_cancel": Transition(
        "host_cancel", ACTIVE, BookingState.CANCELLED, "Annuler (par le lieu)", "host", guard_none, frees_seat=True
    ),
    "attended": Transition(
        "attended",
        (BookingState.CONFIRMED, BookingState.NO_SHOW),
        BookingState.ATTENDED,
        "Présent",
        "host",
        guard_started,
    ),
    "no_show": Transition(
        "no_show",
        (BookingState.CONFIRMED, BookingState.ATTENDED),
        BookingState.NO_SHOW,
        "Absent",
        "host",
        guard_started,
    ),
}


def is_host(user, booking):
    return user is not None and user.has_perm("bookings.host", booking.slot.resource.place.organisation)


def is_learner(user, booking):
    if user is None or not user.is_authenticated:
        return False
    if booking.learner_id == user.pk:
        return True
    return booking.organisation_id is not None and user.has_perm("bookings.book_for_group", booking.organisation)


def allowed(spec, user, booking):
    if spec.who == "system":
        return True
    if spec.who == "host":
        return is_host(user, booking)
    return is_learner(user, booking)


def apply(booking, name, by=None, at=None, motivation="", via_link=False):
    """Run a transition; True when this call made it, False when another request already had.

    `via_link`: the learner acts through the signed link of an email (no account needed)."""
    spec = TRANSITIONS[name]
    at = at or timezone.now()
    if not via_link and not allowed(spec, by, booking):
        raise BookingError("Vous n'avez pas le droit de faire cette action sur cette réservation.", "forbidden")
    if booking.state not in spec.sources:
        raise BookingError(
            f"Cette action n'est pas possible : la réservation est « {booking.get_state_display().lower()} ».",
            "state",
        )
    spec.guard(booking, at)
    actor = by if by is not None and by.is_authenticated else None
    with transaction.atomic():
        if spec.frees_seat:
            Slot.objects.select_for_update().get(pk=booking.slot_id)
        changed = Booking.objects.filter(pk=booking.pk, state=booking.state).update(state=spec.target)
        if changed != 1:
            return False
        if spec.frees_seat:
            Slot.objects.filter(pk=booking.slot_id).update(taken=F("taken") - 1)
        BookingTransition.objects.create(
            booking=booking, from_state=booking.state, to_state=spec.target, by=actor, at=at, motivation=motivation
        )
        record(
            f"booking.{spec.name}",
            actor=actor,
            target=booking,
            summary=f"Réservation {booking.pk} ({booking.slot}) : "
            f"{BookingState(booking.state).label} → {BookingState(spec.target).label}",
            data={"from": booking.state, "to": spec.target, "slot": booking.slot_id, "motivation": motivation},
        )
        if spec.target == BookingState.CANCELLED:
            notify.cancelled(booking)
    booking.refresh_from_db()
    return True
