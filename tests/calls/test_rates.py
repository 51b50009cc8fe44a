"""The Region types the call's rates as percentages (« 30 »), never as fractions (« 0,30 »); they are stored exactly."""

from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse

from deffinov.calls.forms import PercentRateField
from deffinov.calls.models import Call
from tests.accounts.factories import UserFactory


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("30", Decimal("0.30")), ("12,5", Decimal("0.125")), ("0", Decimal(0)), ("100", Decimal(1))],
)
def test_a_rate_typed_as_a_percentage_is_stored_as_a_fraction(typed, stored):
    assert PercentRateField().clean(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("150", "inférieure ou égale à 100"),
        ("-5", "supérieure ou égale à 0"),
        ("trente", "Indiquez un pourcentage en chiffres"),
        ("12,55", "au plus une décimale"),
        ("NaN", "Indiquez un pourcentage en chiffres"),
    ],
)
def test_an_unsound_rate_is_refused_in_french(typed, message):
    with pytest.raises(forms.ValidationError) as refused:
        PercentRateField().clean(typed)
    assert message in " ".join(refused.value.messages)


class RateForm(forms.Form):
    rate = PercentRateField()


def test_a_stored_rate_is_shown_as_a_percentage_and_unchanged_when_retyped():
    field = PercentRateField()

    assert 'value="30"' in str(RateForm(initial={"rate": Decimal("0.300")})["rate"])
    assert 'value="12,5"' in str(RateForm(initial={"rate": Decimal("0.125")})["rate"])
    assert not field.has_changed(Decimal("0.300"), "30")
    assert field.has_changed(Decimal("0.300"), "25")


def test_the_calls_admin_shows_its_rates_as_percentages(client, demo):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    content = client.get(reverse("admin:calls_call_change", args=[demo.call.pk])).content.decode()

    assert 'name="cofinancing_floor" value="30"' in content
    assert 'name="cofinancing_floor_exception" value="20"' in content
    assert 'name="communication_cap_rate" value="10"' in content
    assert "En pourcentage du budget éligible non couvert par la subvention" in content


def test_the_calls_admin_form_reads_each_rate_as_a_percentage(rf, demo):
    request = rf.get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form_class = admin.site._registry[Call].get_form(request, demo.call)

    for name in ("cofinancing_floor", "cofinancing_floor_exception", "communication_cap_rate"):
        assert form_class.base_fields[name].clean("25") == Decimal("0.25")
