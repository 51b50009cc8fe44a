"""Whatever is typed as a radius, the form answers a whole number of kilometres from 1 to 200 or a French message."""

from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from deffinov.matchmaking.forms import RADIUS_MESSAGE, RadiusField


@given(st.text(max_size=30))
def test_any_text_is_a_bounded_radius_or_a_french_message(typed):
    try:
        radius = RadiusField(required=False).clean(typed)
    except ValidationError as error:
        assert error.messages == [RADIUS_MESSAGE]
    else:
        assert radius is None or (isinstance(radius, int) and 1 <= radius <= 200)


def test_radii_typed_as_people_do():
    field = RadiusField()
    assert [field.clean(value) for value in ("30", " 45 km", "200", "1", "1\u00a0km")] == [30, 45, 200, 1, 1]


def test_digits_of_other_scripts_are_refused():
    try:
        RadiusField().clean("\u0663\u0660")  # « 30 » in Arabic-Indic digits
    except ValidationError as error:
        assert error.messages == [RADIUS_MESSAGE]
    else:
        raise AssertionError("accepted")
