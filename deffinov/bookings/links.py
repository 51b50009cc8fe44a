"""Signed links of the emails: each is bound to one booking and to the address it was sent to, and expires.

The confirmation link also carries the booking's nonce, which changes once the link is used: it serves once. The
cancellation link opens a page asking to confirm with a button (a POST): following it never cancels by itself;
once the booking is cancelled it has nothing left to do."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from deffinov.bookings.models import Booking

SALT = "deffinov.bookings.link"
CONFIRM_MAX_AGE = 2 * 24 * 3600
CANCEL_MAX_AGE = 200 * 24 * 3600


def make(booking, action):
    payload = {"b": booking.pk, "e": booking.email, "a": action}
    if action == "confirm":
        payload["n"] = booking.nonce
    return signing.dumps(payload, salt=SALT, compress=True)


def url(booking, action):
    name = "bookings:confirm_email" if action == "confirm" else "bookings:cancel_link"
    return f"{settings.SITE_URL}{reverse(name, args=[make(booking, action)])}"


def read(token, action):
    """The booking the token names, if the token is genuine, unexpired, for this action and still bound to the
    booking's address (and, for a confirmation, its current nonce); None otherwise."""
    max_age = CONFIRM_MAX_AGE if action == "confirm" else CANCEL_MAX_AGE
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("a") != action or not isinstance(payload.get("b"), int):
        return None
    booking = Booking.objects.select_related("slot__resource__place").filter(pk=payload["b"]).first()
    if booking is None or booking.email != payload.get("e"):
        return None
    if action == "confirm" and booking.nonce != payload.get("n"):
        return None
    return booking
