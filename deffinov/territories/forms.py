from django import forms
from django.core.exceptions import ValidationError

from deffinov.territories.models import Commune


class CommuneInput(forms.TextInput):
    """A text input that the commune autocomplete (static/js/commune-autocomplete.js) enhances."""

    template_name = "territories/widgets/commune_input.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "data-commune-autocomplete": "/api/v1/communes", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Commune):
            return self.label(value)
        if value and str(value).isdigit() and len(str(value)) == 5:
            commune = Commune.objects.filter(pk=value).select_related("department").first()
            if commune:
                return self.label(commune)
        return super().format_value(value)

    @staticmethod
    def label(commune):
        postcode = commune.postcode_list[0] if commune.postcodes else ""
        return f"{commune.name} ({postcode}) – {commune.code}" if postcode else f"{commune.name} – {commune.code}"


class CommuneField(forms.Field):
    """Accepts what a person types: an INSEE code, "Name (postcode) – INSEE", a unique name or postcode."""

    widget = CommuneInput
    default_error_messages = {
        "unknown": "Commune inconnue : saisissez son nom ou son code postal, puis choisissez-la dans la liste.",
        "ambiguous": "Plusieurs communes correspondent : précisez le code postal ou choisissez-la dans la liste.",
    }

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        communes = Commune.objects.select_related("department")
        code = value.rsplit("–", 1)[-1].strip() if "–" in value else value
        if len(code) == 5 and (code.isdigit() or code[:2] in {"2A", "2B"}):
            commune = communes.filter(pk=code.upper()).first()
            if commune:
                return commune
        name, _, rest = value.partition("(")
        postcode = rest.split(")")[0].strip() if rest else ""
        matches = communes.search(name.strip()) if name.strip() and not name.strip().isdigit() else communes.none()
        if postcode:
            matches = matches.filter(postcodes__contains=postcode)
        if not matches.exists() and value.isdigit():
            matches = communes.search(value)
        candidates = list(matches[:2])
        exact = [c for c in candidates if c.name.lower() == name.strip().lower()]
        if len(candidates) == 1:
            return candidates[0]
        if len(exact) == 1 and len(candidates) == 1:
            return exact[0]
        if not candidates:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        raise ValidationError(self.error_messages["ambiguous"], code="ambiguous")
