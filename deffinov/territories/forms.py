import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from deffinov.territories.models import Commune
from deffinov.utils.text import normalize_search

# "Saint-Lô (50000) – 50502", "Saint-Lô (50000)", "Saint-Lô 50000", "Saint-Lô – 50502", "Saint-Lô".
LABEL = re.compile(
    r"^(?P<name>.*?)\s*(?:\(\s*(?P<postcode>\d{5})\s*\)|\s(?P<bare_postcode>\d{5}))?"
    r"\s*(?:[–—-]\s*(?P<code>\d[\dAB]\d{3}))?$",
    re.IGNORECASE,
)
CODE = re.compile(r"^\d[\dAB]\d{3}$", re.IGNORECASE)


class CommuneInput(forms.TextInput):
    """A text input that static/js/commune-autocomplete.js turns into a combobox; its template loads the script."""

    template_name = "territories/widgets/commune_input.html"

    def __init__(self, attrs=None):
        defaults = {
            "autocomplete": "off",
            "spellcheck": "false",
            "data-commune-autocomplete": reverse_lazy("api:communes"),
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Commune):
            return self.label(value)
        if value and CODE.match(str(value)):
            commune = Commune.objects.filter(pk=str(value).upper()).first()
            if commune:
                return self.label(commune)
        return super().format_value(value)

    @staticmethod
    def label(commune):
        postcode = commune.postcode_list[0] if commune.postcodes else ""
        return f"{commune.name} ({postcode}) – {commune.code}" if postcode else f"{commune.name} – {commune.code}"


class CommuneField(forms.Field):
    """Accepts what a person types: "Name (postcode) – INSEE" (what the autocomplete fills in), a name,
    a name and a postcode, a postcode or an INSEE code; refuses what matches no commune or several."""

    widget = CommuneInput
    default_error_messages = {
        "unknown": _("Commune inconnue : saisissez son nom ou son code postal, puis choisissez-la dans la liste."),
        "ambiguous": _(
            "Plusieurs communes portent ce nom : ajoutez le code postal, par exemple « Saint-Martin 65360 », "
            "ou choisissez-la dans la liste."
        ),
        "ambiguous_postcode": _(
            "Plusieurs communes ont ce code : ajoutez le nom de la commune, par exemple « Vire Normandie 14500 », "
            "ou choisissez-la dans la liste."
        ),
    }

    def to_python(self, value):
        value = " ".join(str(value or "").split())
        if not value:
            return None
        candidates = self.candidates(value)
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        if value.isdigit():
            raise ValidationError(self.error_messages["ambiguous_postcode"], code="ambiguous")
        raise ValidationError(self.error_messages["ambiguous"], code="ambiguous")

    @staticmethod
    def candidates(value):
        """At most two communes matching what was typed: one means found, two means ambiguous."""
        communes = Commune.objects.select_related("department")
        if value.isdigit() and len(value) == 5:
            # A postcode or an INSEE code: both are five digits, and 3,000 codes are both, for different communes.
            by_code = communes.filter(pk=value)
            return list((communes.with_postcode(value) | by_code).distinct().order_by("-population", "code")[:2])
        if CODE.match(value):  # Corsica: 2A004.
            return list(communes.filter(pk=value.upper()))
        match = LABEL.match(value)
        name, postcode = match["name"], match["postcode"] or match["bare_postcode"]
        if match["code"]:
            commune = communes.filter(pk=match["code"].upper()).first()
            if commune:
                return [commune]
        search_name = normalize_search(name)
        if not search_name:
            return list(communes.with_postcode(postcode)[:2]) if postcode else []
        if postcode:
            communes = communes.with_postcode(postcode)
        exact = list(communes.filter(search_name=search_name)[:2])
        return exact or list(communes.search(name)[:2])
