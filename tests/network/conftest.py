import pytest

from tests.territories.factories import alencon, caen, saint_lo, vire_normandie


@pytest.fixture
def communes(db):
    """Four real communes of Normandy: Vire, Caen (54 km from Vire), Saint-Lô (34 km), Alençon (85 km)."""
    return {"vire": vire_normandie(), "caen": caen(), "saint_lo": saint_lo(), "alencon": alencon()}
