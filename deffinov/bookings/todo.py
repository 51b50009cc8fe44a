"""« Mes réservations » on the learner's home page (« Mon espace »): the next bookings, each with its cancellation."""

from django.urls import reverse

from deffinov.accounts.todo.items import SHOWN, Block, Item, dated
from deffinov.bookings.models import Booking, BookingState


def bookings_block(user, now):
    """The block of the person's coming bookings (one query); None when there is none."""
    bookings = list(
        Booking.objects.filter(
            learner=user, state__in=(BookingState.REQUESTED, BookingState.CONFIRMED), slot__ends_at__gte=now
        )
        .select_related("slot__resource__place")
        .order_by("slot__starts_at")[: SHOWN + 1]
    )
    if not bookings:
        return None
    items = []
    for booking in bookings[:SHOWN]:
        when, machine = dated("Le", booking.slot.starts_at)
        items.append(
            Item(
                title=f"{booking.slot.resource.place.name} – {booking.slot.resource.name}",
                url=reverse("bookings:mine"),
                action=f"{booking.get_state_display()} ; annulable en un clic depuis « Mes réservations ».",
                when=when,
                machine_when=machine,
            )
        )
    return Block(
        title="Mes réservations",
        items=items,
        empty="Aucune réservation à venir.",
        more="Voir et annuler mes réservations",
        more_url=reverse("bookings:mine"),
    )
