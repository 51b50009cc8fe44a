"""The geo search shared by the public pages and the API: around a commune's centre, within a radius, filtered
by kinds, services, equipment and « ouvert maintenant », nearest first."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils import timezone

from deffinov.network import geo
from deffinov.network.models import Place

DEFAULT_RADIUS_KM = 30
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class SearchError(ValueError):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Criteria:
    commune: object = None  # a territories.Commune, the centre of the search
    radius_km: float = DEFAULT_RADIUS_KM
    kinds: tuple = ()
    services: tuple = ()
    equipment: tuple = ()
    open_now: bool = False
    bookable: bool = False  # only places with a resource open to booking (deffinov.bookings)

    def __post_init__(self):
        if not 0 < self.radius_km <= geo.MAX_RADIUS_KM:
            raise SearchError("radius_km", f"Le rayon doit être supérieur à 0 km et d'au plus {geo.MAX_RADIUS_KM} km.")
        if self.commune is not None and self.commune.latitude is None:
            raise SearchError(
                "commune", f"La commune {self.commune.name} n'a pas de coordonnées : choisissez une commune voisine."
            )


def find(criteria, moment=None):
    """The visible places matching the criteria: nearest first with `distance_km` when a commune is given, by
    name otherwise. A queryset, or a list when « ouvert maintenant » is asked (hours are read in Python)."""
    places = (
        Place.objects.visible()
        .of_kinds(criteria.kinds)
        .offering(criteria.services)
        .equipped_with(criteria.equipment)
        .select_related("commune")
    )
    if criteria.bookable:
        places = places.filter(pk__in=Place.objects.filter(resources__active=True).values("pk"))
    if criteria.commune is not None:
        places = places.within(float(criteria.commune.latitude), float(criteria.commune.longitude), criteria.radius_km)
    if criteria.open_now:
        moment = moment or timezone.now()
        return [place for place in places if place.is_open_at(moment)]
    if criteria.commune is not None:
        return Ranked(places)
    return places


class Ranked:
    """The places of a search around a point, nearest first, read a page at a time: the ranking (ids and distances
    of every place in the circle) is read once from the index on the coordinates alone, then only the page's places
    are loaded, by id."""

    def __init__(self, places):
        self.places = places
        self._ranking = None

    @property
    def ranking(self):
        if self._ranking is None:
            self._ranking = list(self.places.values_list("pk", "distance_km"))
        return self._ranking

    def count(self):
        return len(self.ranking)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ranked = self.ranking[index]
        loaded = Place.objects.select_related("commune").in_bulk([pk for pk, _distance in ranked])
        page = []
        for pk, distance in ranked:
            place = loaded[pk]
            place.distance_km = distance
            page.append(place)
        return page


def page_of(results, number, size=PAGE_SIZE):
    """The page asked for (the last one when past it, the first when not a number)."""
    return Paginator(results, size).get_page(number)
