"""The iCalendar event (RFC 5545) attached to a booking's confirmation: times in UTC, lines folded at 75 octets,
text escaped, CRLF line ends."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from deffinov import formatting

PRODID = "-//Région Normandie//Deffinov réservations//FR"


def escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Lines longer than 75 octets go on with CRLF and a space, never cutting a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current)
            current = b""
        current += encoded
    out.append(current)
    return "\r\n ".join(part.decode() for part in out)


def stamp(moment):
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event(booking, now=None):
    slot, place = booking.slot, booking.slot.resource.place
    now = now or timezone.now()
    status = "CANCELLED" if booking.state == "cancelled" else "CONFIRMED"
    location = f"{place.name}, {place.address}, {place.postcode} {place.commune.name}"
    description = (
        f"{slot.resource.name} – {place.name}.\n"
        f"Annulation possible jusqu'au {formatting.datetime(booking.cancellation_deadline)}."
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH" if status == "CONFIRMED" else "METHOD:CANCEL",
        "BEGIN:VEVENT",
        f"UID:booking-{booking.pk}@{settings.SITE_URL.split('://')[-1].split('/')[0]}",
        f"DTSTAMP:{stamp(now)}",
        f"DTSTART:{stamp(slot.starts_at)}",
        f"DTEND:{stamp(slot.ends_at)}",
        f"SUMMARY:{escape(f'{slot.resource.name} – {place.name}')}",
        f"LOCATION:{escape(location)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{settings.SITE_URL}{place.get_absolute_url()}",
        f"STATUS:{status}",
        f"GEO:{place.latitude:.6f};{place.longitude:.6f}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
