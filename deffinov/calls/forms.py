"""Form fields of the call's configuration."""

from decimal import Decimal

from django import forms

# The call's rates, stored as fractions (0.30) and typed by the Region as percentages (« 30 »).
RATE_HELP = {
    "cofinancing_floor": "En pourcentage du budget éligible non couvert par la subvention, par exemple 30.",
    "cofinancing_floor_exception": "En pourcentage : le plancher que le comité peut accorder à titre exceptionnel, "
    "par exemple 20.",
    "communication_cap_rate": "En pourcentage du budget éligible consacré à la communication, par exemple 10.",
}


class PercentRateField(forms.DecimalField):
    """A rate stored as a fraction and typed as a percentage: « 30 » or « 12,5 » (French decimal comma)."""

    def __init__(self, **kwargs):
        kwargs.update(max_digits=4, decimal_places=1, min_value=0, max_value=100, localize=True)
        super().__init__(**kwargs)
        self.error_messages.update(
            {
                "invalid": "Indiquez un pourcentage en chiffres, par exemple 30 ou 12,5.",
                "max_decimal_places": "Indiquez le pourcentage avec au plus une décimale, par exemple 12,5.",
            }
        )

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            value = (value * 100).normalize()
            value = value.quantize(Decimal(1)) if value == value.to_integral() else value
        return super().prepare_value(value)

    def clean(self, value):
        percent = super().clean(value)
        return None if percent is None else percent / 100

    def has_changed(self, initial, data):
        try:
            typed = self.to_python(data)
        except forms.ValidationError:
            return True
        return (None if typed is None else typed / 100) != initial
