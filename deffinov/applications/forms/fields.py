"""The form fields of a dossier's figures: euros and percentages typed the French way, dates in a sane window.

`EurosField` is the one field of every amount of the dossier. It reads what people type — « 1 500,50 »,
« 1,5 », « 1500.5 », « 12 000 € », « 1.500.000 » — and refuses, with a French message, anything that is not
a plain, finite, non-negative amount in cents under the limit: no sign, no exponent, no NaN, no Arabic-Indic
digits, no third decimal. What it accepts is stored exactly as read: nothing is rounded.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from deffinov.applications.bounds import AMOUNT_LIMIT, CENT, EARLIEST_DATE, LATEST_DATE
from deffinov.formatting import EURO_UNIT, UnreadableNumber, parse_decimal
from deffinov.formatting import day as format_date
from deffinov.formatting import euros as format_euros

PERCENT_SIGN = re.compile(r"%$")


class FrenchDecimalField(forms.Field):
    """A decimal number written the French way, with at most two decimals, within [min_value, max_value]."""

    widget = forms.TextInput
    example = "1 500,50"
    unit = None  # what may follow the number (« € », « % »), a pattern
    default_error_messages = {
        "invalid": "Écrivez un nombre en chiffres, par exemple %(example)s.",
        "negative": "Indiquez un nombre positif, sans signe moins.",
        "ambiguous": (
            "« %(value)s » est ambigu : pour des milliers, séparez-les par une espace (%(thousands)s) ; "
            "pour des centimes, indiquez au plus deux décimales."
        ),
        "decimals": "Indiquez au plus deux décimales, par exemple %(example)s.",
        "min_value": "Indiquez au moins %(limit)s.",
        "max_value": "Indiquez au plus %(limit)s.",
    }

    def __init__(self, *, min_value=Decimal(0), max_value=None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs

    def shown(self, value):
        return str(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(value, unit=self.unit)
        except UnreadableNumber as error:
            params = error.params if error.code == "ambiguous" else {"example": self.example}
            raise ValidationError(self.error_messages[error.code], code=error.code, params=params) from error

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"example": self.example})
        # Bounds first: a number of forty digits is refused for its size, before any arithmetic on it.
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"], code="min_value", params={"limit": self.shown(self.min_value)}
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"], code="max_value", params={"limit": self.shown(self.max_value)}
            )
        if value.as_tuple().exponent < -2 and value != value.quantize(CENT):
            raise ValidationError(self.error_messages["decimals"], code="decimals", params={"example": self.example})

    def prepare_value(self, value):
        """A stored Decimal shown as typed in French (« 1500,50 »); what the person typed, as typed."""
        if isinstance(value, Decimal):
            return format(value, "f").replace(".", ",")
        return value

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True


class EurosField(FrenchDecimalField):
    """Every amount of the dossier: euros and cents, at least 0, under a hundred million."""

    default_error_messages = {
        "invalid": "Écrivez le montant en chiffres, par exemple %(example)s ou 12 000 €.",
        "negative": "Un montant ne peut pas être négatif : indiquez-le sans signe moins.",
        "decimals": "Indiquez le montant en euros et centimes, avec au plus deux décimales, par exemple %(example)s.",
        "max_value": "Ce montant dépasse la limite de %(limit)s : vérifiez le nombre de zéros.",
    }

    def __init__(self, *, max_value=AMOUNT_LIMIT - CENT, **kwargs):
        super().__init__(max_value=max_value, **kwargs)

    def shown(self, value):
        return format_euros(value)

    unit = EURO_UNIT


class PercentField(FrenchDecimalField):
    """A percentage typed by the consortium (« 33,33 »), from 0 to 100."""

    example = "33,33"
    default_error_messages = {"max_value": "Indiquez au plus 100 %."}

    def __init__(self, **kwargs):
        super().__init__(max_value=Decimal(100), **kwargs)

    def shown(self, value):
        return f"{value}\u00a0%"

    unit = PERCENT_SIGN


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class BoundedDateField(forms.DateField):
    """A date inside a sane window (never « 9999-12-31 »), said in French when outside; the calendar knows it too."""

    widget = DateInput

    def __init__(self, *, earliest=EARLIEST_DATE, latest=LATEST_DATE, **kwargs):
        self.earliest, self.latest = earliest, latest
        super().__init__(**kwargs)
        self.error_messages["invalid"] = "Indiquez une date valide, par exemple 31/12/2026."

    def set_window(self, earliest, latest):
        self.earliest, self.latest = earliest, latest
        self.widget.attrs.update(self.widget_attrs(self.widget))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"min": self.earliest.isoformat(), "max": self.latest.isoformat()})
        return attrs

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (OverflowError, ValueError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

    def validate(self, value):
        super().validate(value)
        if value is not None and not self.earliest <= value <= self.latest:
            raise ValidationError(
                "Indiquez une date entre le %(earliest)s et le %(latest)s.",
                code="out_of_window",
                params={"earliest": format_date(self.earliest), "latest": format_date(self.latest)},
            )
