"""The learner's emails: confirm the address, booking confirmed (with its .ics), awaiting the host, cancelled,
reminder the day before. Stored, then sent by the background worker once the transaction commits."""

from django.conf import settings
from django.urls import reverse

from deffinov.bookings import ics, links
from deffinov.emails.send import send_templated_email


def _context(booking):
    slot = booking.slot
    return {
        "booking": booking,
        "slot": slot,
        "place": slot.resource.place,
        "resource": slot.resource,
        "cancel_url": links.url(booking, "cancel"),
        "place_url": f"{settings.SITE_URL}{reverse('network:place', args=[slot.resource.place_id])}",
    }


def _calendar(booking):
    return [(f"reservation-{booking.pk}.ics", ics.event(booking), "text/calendar; charset=utf-8; method=PUBLISH")]


def booked(booking):
    if booking.email_confirmed_at is None:
        context = {**_context(booking), "confirm_url": links.url(booking, "confirm")}
        send_templated_email([booking.email], "bookings/emails/confirm_email", context)
    elif booking.state == "requested":
        send_templated_email([booking.email], "bookings/emails/requested", _context(booking))
    else:
        confirmed(booking)


def confirmed(booking):
    send_templated_email([booking.email], "bookings/emails/confirmed", _context(booking), _calendar(booking))


def cancelled(booking):
    send_templated_email([booking.email], "bookings/emails/cancelled", _context(booking))


def reminder(booking):
    send_templated_email([booking.email], "bookings/emails/reminder", _context(booking), _calendar(booking))
