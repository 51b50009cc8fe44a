"""Distances on the Earth, for a search around a commune's centre.

A bounding box around the centre lets the database use its index on (latitude, longitude); the exact great-circle
distance (haversine) then keeps the places within the radius and orders them. See docs/adr/005-geo-search.md."""

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
MAX_RADIUS_KM = 200
NBSP = "\u00a0"


@dataclass(frozen=True)
class Box:
    south: float
    north: float
    west: float
    east: float


def bounding_box(latitude, longitude, radius_km):
    """The smallest latitude/longitude rectangle holding every point within `radius_km` of the centre."""
    delta_latitude = radius_km / KM_PER_DEGREE
    # Meridians come closer towards the poles: the box widens with the latitude of its edge nearest the pole.
    widest = min(89.0, abs(latitude) + delta_latitude)
    delta_longitude = min(180.0, radius_km / (KM_PER_DEGREE * math.cos(math.radians(widest))))
    return Box(
        latitude - delta_latitude, latitude + delta_latitude, longitude - delta_longitude, longitude + delta_longitude
    )


def haversine_km(latitude1, longitude1, latitude2, longitude2):
    phi1, phi2 = math.radians(latitude1), math.radians(latitude2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(longitude2 - longitude1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_phrase(km):
    """« à 12 km », « à 2,5 km », « à moins de 1 km »."""
    if km is None:
        return ""
    if km < 1:
        return f"à moins de 1{NBSP}km"
    if km < 10:
        return f"à {km:.1f}{NBSP}km".replace(".", ",").replace(f",0{NBSP}", NBSP)
    return f"à {round(km)}{NBSP}km"
