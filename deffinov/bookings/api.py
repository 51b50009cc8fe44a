"""GET /api/v1/places/{id}/slots, POST /api/v1/bookings and DELETE /api/v1/bookings/{id}.

Booking acts for a person: with the session of the site (and its CSRF header, `X-CSRFToken`) or with a personal
access token (`Authorization: Bearer <jeton>`), which acts for its user."""

import datetime as dt

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf
from pydantic import model_validator

from deffinov.api import tokens
from deffinov.bookings import booking as booking_service
from deffinov.bookings import slots
from deffinov.bookings.access import get_booking_for_user
from deffinov.bookings.models import Booking
from deffinov.bookings.workflow import BookingError, apply
from deffinov.formatting import PARIS
from deffinov.network.access import get_place_for_public

router = Router(tags=["Réservations de places"])
MAX_ID = 2**31 - 1


class DetailOut(Schema):
    detail: str = Field(description="Message en français.")


class PersonalToken(HttpBearer):
    def authenticate(self, request, token):
        access = tokens.authenticate(token)
        if access is None:
            return None
        request.user = access.user
        return access.user


class Session(SessionAuth):
    """The site's session; a write needs the CSRF header (`X-CSRFToken`), refused in French otherwise."""

    def _get_key(self, request):
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403, "Vérification CSRF échouée : envoyez l'en-tête « X-CSRFToken » avec le jeton du cookie csrftoken."
            )
        return request.COOKIES.get(self.param_name)


AUTH = [PersonalToken(), Session()]


class SlotOut(Schema):
    id: int
    resource: str = Field(description="Nom de la ressource (salle, poste…).")
    resource_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    remaining: int


class Range(Schema):
    from_: dt.date = Field(alias="from", description="Premier jour (AAAA-MM-JJ, heure de Paris).")
    to: dt.date = Field(description=f"Dernier jour, au plus {slots.MAX_RANGE_DAYS} jours après le premier.")

    @model_validator(mode="after")
    def bounded(self):
        if self.to < self.from_:
            raise ValueError("La date « to » précède la date « from » : inversez-les.")
        if (self.to - self.from_).days > slots.MAX_RANGE_DAYS:
            raise ValueError(f"Période trop longue : au plus {slots.MAX_RANGE_DAYS} jours entre « from » et « to ».")
        return self


def slot_out(slot):
    return {
        "id": slot.pk,
        "resource": slot.resource.name,
        "resource_id": slot.resource_id,
        "starts_at": slot.starts_at.astimezone(PARIS),
        "ends_at": slot.ends_at.astimezone(PARIS),
        "capacity": slot.capacity,
        "remaining": slot.remaining,
    }


@router.get(
    "/places/{int:place_id}/slots",
    response={200: list[SlotOut], 404: DetailOut},
    url_name="place_slots",
    summary="Créneaux réservables d'un lieu entre deux dates (62 jours au plus)",
)
def place_slots(request, place_id: int, period: Query[Range]):
    """Les créneaux à venir des ressources du lieu, dans leur horizon de réservation, avec les places restantes."""
    if place_id > MAX_ID:
        return Status(404, {"detail": "Lieu introuvable."})
    try:
        place = get_place_for_public(request.user, place_id)
    except Http404:
        return Status(404, {"detail": "Lieu introuvable."})
    return [slot_out(slot) for slot in slots.open_slots(place, period.from_, period.to)]


class BookingIn(Schema):
    slot: int = Field(ge=1, le=MAX_ID, description="Identifiant du créneau.")


class BookingOut(Schema):
    id: int
    slot: SlotOut
    place_id: int
    state: str = Field(description="requested, confirmed, cancelled, attended ou no_show.")
    state_label: str
    cancellable_until: dt.datetime


def booking_out(booking):
    return {
        "id": booking.pk,
        "slot": slot_out(booking.slot),
        "place_id": booking.slot.resource.place_id,
        "state": booking.state,
        "state_label": booking.get_state_display(),
        "cancellable_until": booking.cancellation_deadline.astimezone(PARIS),
    }


STATUS = {"full": 409, "already": 409, "past": 409, "closed": 409, "deadline": 409, "state": 409, "not_found": 404}


@router.post(
    "/bookings",
    auth=AUTH,
    response={201: BookingOut, 401: DetailOut, 403: DetailOut, 404: DetailOut, 409: DetailOut},
    url_name="bookings",
    summary="Réserver une place sur un créneau (session et en-tête CSRF, ou jeton)",
)
def create_booking(request, payload: BookingIn):
    """201 avec la réservation ; 409 avec un message en français quand le créneau est complet, passé, hors des
    horaires, ou déjà réservé par la même personne."""
    user = request.user
    try:
        booking = booking_service.book(payload.slot, email=user.email, learner=user, name=user.get_full_name(), by=user)
    except BookingError as error:
        return Status(STATUS.get(error.code, 409), {"detail": error.message})
    return Status(201, booking_out(booking))


@router.delete(
    "/bookings/{booking_id}",
    auth=AUTH,
    response={200: BookingOut, 401: DetailOut, 403: DetailOut, 404: DetailOut, 409: DetailOut},
    url_name="booking",
    summary="Annuler sa réservation, avant la limite d'annulation",
)
def cancel_booking(request, booking_id: int):
    if not 0 < booking_id <= MAX_ID:
        return Status(404, {"detail": "Réservation introuvable."})
    try:
        booking = get_booking_for_user(request.user, booking_id)
    except Http404:
        return Status(404, {"detail": "Réservation introuvable."})
    name = "cancel" if booking.learner_id == request.user.pk or booking.organisation_id else "host_cancel"
    try:
        apply(booking, name, by=request.user)
    except BookingError as error:
        return Status(STATUS.get(error.code, 409), {"detail": error.message})
    return Status(200, booking_out(Booking.objects.select_related("slot__resource").get(pk=booking.pk)))
