"""The reminder the day before: every confirmed booking of a slot starting tomorrow (Paris), sent once."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from deffinov.bookings import notify
from deffinov.bookings.models import Booking, BookingState
from deffinov.formatting import PARIS


def due(now=None):
    now = now or timezone.now()
    tomorrow = now.astimezone(PARIS).date() + dt.timedelta(days=1)
    start = dt.datetime.combine(tomorrow, dt.time(), tzinfo=PARIS)
    return (
        Booking.objects.filter(
            state=BookingState.CONFIRMED,
            reminder_sent_at__isnull=True,
            slot__starts_at__gte=start,
            slot__starts_at__lt=start + dt.timedelta(days=1),
        )
        .select_related("slot__resource__place__commune")
        .order_by("slot__starts_at", "pk")
    )


def send(booking, now=None):
    """True when this call sent the reminder (a conditional UPDATE: two runs never send it twice)."""
    with transaction.atomic():
        if Booking.objects.filter(pk=booking.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now or timezone.now()
        ):
            notify.reminder(booking)
            return True
    return False
