"""One access helper per object: the object, or 404 for whoever may not see it."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from deffinov.bookings.models import Booking
from deffinov.bookings.workflow import is_host, is_learner
from deffinov.network.access import get_place_for_public
from deffinov.network.models import Place

SELECT = ("slot__resource__place__commune", "slot__resource__place__organisation", "learner", "organisation")


def get_place_for_host(user, pk):
    """A place whose structure `user` administers; 404 for anybody else."""
    place = get_object_or_404(Place.objects.select_related("organisation", "commune"), pk=pk)
    if not user.has_perm("bookings.host", place.organisation):
        raise Http404("Lieu introuvable.")
    return place


def get_bookable_place(user, pk):
    return get_place_for_public(user, pk)


def get_booking_for_user(user, pk):
    """The learner's own booking (or their training organisation's), or one of the host's places; 404 otherwise."""
    booking = get_object_or_404(Booking.objects.select_related(*SELECT), pk=pk)
    if is_learner(user, booking) or is_host(user, booking):
        return booking
    raise Http404("Réservation introuvable.")
