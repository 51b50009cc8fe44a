"""The demonstration's places: about forty across the five départements, every one with readable hours."""

import io

from deffinov.network.demo import load_demo_places
from deffinov.network.models import Place
from tests.demo.fixtures import demo, normandy  # noqa: F401


def test_the_demo_places_cover_normandy_with_readable_hours_and_load_twice_the_same(demo):  # noqa: F811
    out = io.StringIO()
    load_demo_places(out)
    load_demo_places(out)
    places = list(Place.objects.select_related("commune"))
    assert 38 <= len(places) <= 45
    assert {place.commune.department_id for place in places} == {"14", "27", "50", "61", "76"}
    assert all(place.schedule is not None for place in places), [p.opening_hours for p in places if not p.schedule]
    assert sum(place.visio_room for place in places) >= 10
    assert Place.objects.visible().count() < len(places)  # a few structures did not opt in
    assert "0 créé(s), 41 mis à jour" in out.getvalue()
    for place in places:
        place.full_clean()
