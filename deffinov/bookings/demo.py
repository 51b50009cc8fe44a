"""Demo bookings: bookable rooms at the demo places, 40 learners (apprenant01…apprenant40@demo.deffinov.fr, the demo
password, verified emails), a few past bookings (attended, no-show) and future ones. Loading again updates, never
duplicates."""

import datetime as dt

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from deffinov.accounts.models import User
from deffinov.bookings import booking as booking_service
from deffinov.bookings import slots
from deffinov.bookings.models import Booking, BookingState, BookingTransition, Resource, ResourceKind, Slot
from deffinov.bookings.workflow import BookingError
from deffinov.demo.accounts import DEMO_PASSWORD
from deffinov.formatting import PARIS
from deffinov.network.models import Place
from deffinov.reports.catalogue import PUBLICS

LEARNERS = 40
ROOMS = (
    (ResourceKind.SEATS, "Salle de formation à distance", 6, 120),
    (ResourceKind.VISIO, "Salle de visioconférence", 4, 60),
    (ResourceKind.COMPUTER, "Postes informatiques en accès libre", 8, 60),
)


def learners():
    people = []
    for number in range(1, LEARNERS + 1):
        email = f"apprenant{number:02d}@demo.deffinov.fr"
        user, _ = User.objects.update_or_create(
            email=email, defaults={"first_name": "Apprenant", "last_name": f"{number:02d}", "is_active": True}
        )
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        people.append(user)
    return people


def past_booking(resource, day, person, public, state):
    """A booking of a past day, written as it ended (booked, then marked by the host)."""
    schedule = resource.schedule
    spans = schedule.spans_on(day) if schedule else ()
    if not spans:
        return False
    start = dt.datetime.combine(day, dt.time(), tzinfo=PARIS) + dt.timedelta(minutes=spans[0][0])
    slot, _ = Slot.objects.get_or_create(
        resource=resource,
        starts_at=start,
        defaults={"ends_at": start + dt.timedelta(minutes=resource.slot_minutes), "capacity": resource.capacity},
    )
    if Booking.objects.filter(slot=slot, email=person.email).exists() or slot.taken >= slot.capacity:
        return False
    booking = Booking.objects.create(
        slot=slot,
        learner=person,
        email=person.email,
        name=person.get_full_name(),
        public=public,
        state=state,
        email_confirmed_at=start - dt.timedelta(days=3),
        created_at=start - dt.timedelta(days=3),
    )
    Slot.objects.filter(pk=slot.pk).update(taken=slot.taken + 1)
    BookingTransition.objects.create(
        booking=booking, from_state="", to_state=BookingState.CONFIRMED, at=booking.created_at
    )
    BookingTransition.objects.create(booking=booking, from_state=BookingState.CONFIRMED, to_state=state, at=start)
    return True


def load_demo_bookings(stdout):
    places = list(
        Place.objects.filter(identifier__startswith="demo-lieu-", published=True).exclude(opening_hours="")[:4]
    )
    made = {"ressources": 0, "passées": 0, "à venir": 0}
    with transaction.atomic():
        people = learners()
        resources = []
        for index, place in enumerate(places):
            kind, name, capacity, minutes = ROOMS[index % len(ROOMS)]
            resource, created = Resource.objects.update_or_create(
                place=place,
                name=name,
                defaults={"kind": kind, "capacity": capacity, "slot_minutes": minutes, "horizon_days": 42},
            )
            made["ressources"] += created
            resources.append(resource)
        today = timezone.now().astimezone(PARIS).date()
        publics = [code for code, _ in PUBLICS]
        for index, person in enumerate(people[:24]):
            if not resources:
                break
            resource = resources[index % len(resources)]
            day = today - dt.timedelta(days=7 + index % 10)
            state = BookingState.NO_SHOW if index % 6 == 5 else BookingState.ATTENDED
            made["passées"] += past_booking(resource, day, person, publics[index % len(publics)], state)
        for resource in resources:
            upcoming = slots.open_slots(resource.place, today + dt.timedelta(days=2), today + dt.timedelta(days=16))
            upcoming = [slot for slot in upcoming if slot.resource_id == resource.pk]
            for index, person in enumerate(people[24:34]):
                if not upcoming:
                    break
                slot = upcoming[(index * 3) % len(upcoming)]
                try:
                    booking_service.book(
                        slot.pk,
                        email=person.email,
                        learner=person,
                        name=person.get_full_name(),
                        public=publics[index % len(publics)],
                        by=person,
                    )
                    made["à venir"] += 1
                except BookingError:
                    pass
    stdout.write(
        f"Réservations : {made['ressources']} ressource(s) créée(s), {LEARNERS} apprenants, "
        f"{made['passées']} réservation(s) passée(s) et {made['à venir']} à venir ajoutées."
    )
