"""The slots of a resource: cut from its opening spans, minus the public holidays and the place's closures,
within the booking horizon; materialised when listed (see the module docstring of `deffinov.bookings.models`)."""

import datetime as dt

from django.utils import timezone

from deffinov.bookings.models import Closure, Resource, Slot
from deffinov.formatting import PARIS
from deffinov.network import hours

MAX_RANGE_DAYS = 62


def closed_days(place, first, last):
    days = set()
    for closure in Closure.objects.filter(place=place, starts_on__lte=last, ends_on__gte=first):
        day = max(closure.starts_on, first)
        while day <= min(closure.ends_on, last):
            days.add(day)
            day += dt.timedelta(days=1)
    return days


def periods(resource, first, last, closed=frozenset()):
    """(starts_at, ends_at) of every slot the resource offers from `first` to `last` (dates, Paris)."""
    schedule = resource.schedule
    if schedule is None:
        return []
    length = resource.slot_minutes
    found = []
    day = first
    while day <= last:
        if day not in closed:
            spans = schedule.spans_on(day)
            if hours.is_public_holiday(day) and schedule.holidays is None:
                spans = ()  # Closed on public holidays unless the hours say otherwise (« PH 10:00-12:00 »).
            for start, end in spans:
                minute = start
                while minute + length <= end:
                    begins = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
                    found.append(
                        (
                            begins.replace(tzinfo=PARIS).astimezone(dt.UTC),
                            (begins + dt.timedelta(minutes=length)).replace(tzinfo=PARIS).astimezone(dt.UTC),
                        )
                    )
                    minute += length
        day += dt.timedelta(days=1)
    return found


def is_offered(resource, starts_at, ends_at):
    """True when the resource opens this exact slot (same cut, not closed)."""
    day = starts_at.astimezone(PARIS).date()
    return (starts_at, ends_at) in periods(resource, day, day, closed_days(resource.place, day, day))


def open_slots(place, first, last, now=None):
    """The future slots of the place's active resources from `first` to `last` (within each horizon), created
    when missing; ordered by start."""
    now = now or timezone.now()
    today = now.astimezone(PARIS).date()
    first = max(first, today)
    resources = list(Resource.objects.filter(place=place, active=True).select_related("place"))
    closed = closed_days(place, first, last) if resources else set()
    wanted = []
    for resource in resources:
        until = min(last, today + dt.timedelta(days=resource.horizon_days))
        for starts_at, ends_at in periods(resource, first, until, closed):
            if starts_at > now:
                wanted.append(Slot(resource=resource, starts_at=starts_at, ends_at=ends_at, capacity=resource.capacity))
    if not wanted:
        return []
    Slot.objects.bulk_create(wanted, ignore_conflicts=True)
    keys = {(slot.resource_id, slot.starts_at) for slot in wanted}
    starts = [slot.starts_at for slot in wanted]
    found = (
        Slot.objects.filter(resource__in=resources, starts_at__gte=min(starts), starts_at__lte=max(starts))
        .select_related("resource__place")
        .order_by("starts_at", "resource__name", "pk")
    )
    return [slot for slot in found if (slot.resource_id, slot.starts_at) in keys]
