"""Suggestions: the other structures' published ads, ranked by complementarity, shared domains and distance,
each with its reason written out (« organisme de formation à 12 km, domaine communication et information en
commun »).

Candidates come from one query: a bounding box on the indexed coordinates (deffinov.network.geo), then the exact
great-circle distance keeps those within both radii. Pure scoring below, testable without a database."""

from dataclasses import dataclass, field

from deffinov.matchmaking.models import DEFAULT_RADIUS_KM, Ad
from deffinov.matchmaking.vocabulary import (
    CONTRIBUTION_PHRASES,
    PLACE_KINDS,
    complementary,
    domain_label,
    is_place,
    is_training,
    kind_phrase,
)
from deffinov.network import geo
from deffinov.organisations.kinds import TRAINING_KINDS

LIMIT = 30


@dataclass(frozen=True)
class Profile:
    """What a structure seeks and offers, where: its ad, or its own kinds around its commune."""

    kinds: tuple
    sought_kinds: tuple
    seeks: tuple
    offers: tuple
    domains: tuple
    latitude: float
    longitude: float
    radius_km: float
    organisation_ids: frozenset = field(default_factory=frozenset)

    @classmethod
    def of_ad(cls, ad, organisation_ids=()):
        return cls(
            kinds=tuple(ad.organisation.kinds),
            sought_kinds=tuple(ad.sought_kinds),
            seeks=tuple(ad.seeks),
            offers=tuple(ad.offers),
            domains=tuple(ad.domains),
            latitude=ad.latitude,
            longitude=ad.longitude,
            radius_km=ad.radius_km,
            organisation_ids=frozenset(organisation_ids) | {ad.organisation_id},
        )

    @classmethod
    def of_organisation(cls, organisation, organisation_ids=()):
        """A structure without an ad looks for its complement within the default radius."""
        kinds = tuple(organisation.kinds)
        sought = set()
        if is_place(kinds):
            sought |= TRAINING_KINDS
        if is_training(kinds):
            sought |= PLACE_KINDS
        latitude = organisation.latitude if organisation.latitude is not None else organisation.commune.latitude
        longitude = organisation.longitude if organisation.longitude is not None else organisation.commune.longitude
        return cls(
            kinds=kinds,
            sought_kinds=tuple(sorted(sought)),
            seeks=(),
            offers=(),
            domains=(),
            latitude=float(latitude or 0),
            longitude=float(longitude or 0),
            radius_km=DEFAULT_RADIUS_KM,
            organisation_ids=frozenset(organisation_ids) | {organisation.pk},
        )


@dataclass
class Suggestion:
    ad: Ad
    distance_km: float
    score: int
    reason: str


def _and(items):
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def assess(profile, ad, distance_km):
    """The score of `ad` for `profile`, and the reason in French; None when out of either radius."""
    if distance_km > min(profile.radius_km, ad.radius_km):
        return None
    their_kinds = ad.organisation.kinds
    score = 0
    parts = [f"{kind_phrase(their_kinds)} {geo.distance_phrase(distance_km)}"]
    if complementary(profile.kinds, their_kinds):
        score += 4
    if set(profile.sought_kinds) & set(their_kinds):
        score += 2
    wanted_by_them = [kind for kind in ad.sought_kinds if kind in profile.kinds]
    if wanted_by_them:
        score += 2
        parts.append(f"cherche un partenaire comme vous ({kind_phrase(wanted_by_them)})")
    offered = [value for value in profile.seeks if value in ad.offers]
    if offered:
        score += len(offered)
        parts.append("propose " + _and(CONTRIBUTION_PHRASES.get(value, value) for value in offered))
    wanted = [value for value in ad.seeks if value in profile.offers]
    if wanted:
        score += len(wanted)
        parts.append("cherche " + _and(CONTRIBUTION_PHRASES.get(value, value) for value in wanted))
    shared = [code for code in profile.domains if code in ad.domains]
    if shared:
        score += len(shared)
        labels = [domain_label(code).lower() for code in shared]
        parts.append(("domaine " if len(labels) == 1 else "domaines ") + _and(labels) + " en commun")
    return score, ", ".join(parts)


def candidates(profile, kinds=(), domains=()):
    """Published ads of other structures within the profile's radius, by their indexed coordinates."""
    box = geo.bounding_box(profile.latitude, profile.longitude, profile.radius_km)
    ads = (
        Ad.objects.published()
        .filter(latitude__range=(box.south, box.north), longitude__range=(box.west, box.east))
        .exclude(organisation_id__in=profile.organisation_ids)
        .select_related("organisation", "commune")
    )
    return [
        ad
        for ad in ads
        if (not kinds or set(kinds) & set(ad.organisation.kinds)) and (not domains or set(domains) & set(ad.domains))
    ]


def rank(profile, ads, limit=LIMIT):
    suggestions = []
    for ad in ads:
        distance = geo.haversine_km(profile.latitude, profile.longitude, ad.latitude, ad.longitude)
        assessed = assess(profile, ad, distance)
        if assessed is not None:
            suggestions.append(Suggestion(ad, distance, *assessed))
    suggestions.sort(key=lambda s: (-s.score, s.distance_km, -s.ad.pk))
    return suggestions[:limit]


def suggest(profile, kinds=(), domains=(), limit=LIMIT):
    return rank(profile, candidates(profile, kinds, domains), limit)
