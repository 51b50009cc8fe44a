import math
import re

from django import forms
from django.core.exceptions import ValidationError

from deffinov.network import geo, search
from deffinov.network.models import Place
from deffinov.network.vocabulary import (
    ACCESS,
    FEES,
    PUBLICS,
    SPECIFIC_SUPPORT,
    SUPPORT_MODES,
    Equipment,
    PlaceKind,
    Service,
)
from deffinov.territories.forms import CommuneField

NUMBER = re.compile(r"^[+-]?\d{1,3}(?:[.,]\d{1,8})?$")


class FrenchFloatField(forms.Field):
    """A decimal number typed the French way (« 48,8383 ») or the English one, finite, within bounds."""

    widget = forms.TextInput

    def __init__(self, *, min_value, max_value, message, **kwargs):
        self.min_value, self.max_value, self.message = min_value, max_value, message
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if not NUMBER.match(text):
            raise ValidationError(self.message, code="invalid")
        number = float(text.replace(",", "."))
        if not math.isfinite(number) or not self.min_value <= number <= self.max_value:
            raise ValidationError(self.message, code="out_of_bounds")
        return number


class RadiusField(FrenchFloatField):
    def to_python(self, value):
        number = super().to_python(value)
        if number is not None and number <= 0:
            raise ValidationError(self.message, code="out_of_bounds")
        return number


def standard_choices(values):
    return [(value, value) for value in values]


class SearchForm(forms.Form):
    """The public search: a commune and a radius, kinds, services, equipment, « ouvert maintenant »."""

    commune = CommuneField(
        label="Autour de la commune",
        required=False,
        help_text="Nom, code postal ou code INSEE. Exemples : Vire Normandie, 14500, 50502.",
    )
    rayon = RadiusField(
        label="Rayon (km)",
        required=False,
        min_value=0,
        max_value=geo.MAX_RADIUS_KM,
        message=f"Indiquez un rayon en kilomètres, supérieur à 0 et d'au plus {geo.MAX_RADIUS_KM}, par exemple 30.",
        help_text=f"De 1 à {geo.MAX_RADIUS_KM} km ; {search.DEFAULT_RADIUS_KM} km si vous ne l'indiquez pas.",
    )
    types = forms.MultipleChoiceField(
        label="Types de lieu", required=False, choices=PlaceKind.choices, widget=forms.CheckboxSelectMultiple
    )
    services = forms.MultipleChoiceField(
        label="Services proposés (tous)", required=False, choices=Service.choices, widget=forms.CheckboxSelectMultiple
    )
    equipements = forms.MultipleChoiceField(
        label="Pour suivre une formation à distance (tous)",
        required=False,
        choices=Equipment.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    ouvert = forms.BooleanField(label="Ouvert maintenant", required=False)

    def criteria(self):
        """The criteria of a valid form; a SearchError is put on its field."""
        data = self.cleaned_data
        try:
            return search.Criteria(
                commune=data["commune"],
                radius_km=data["rayon"] or search.DEFAULT_RADIUS_KM,
                kinds=tuple(data["types"]),
                services=tuple(data["services"]),
                equipment=tuple(data["equipements"]),
                open_now=data["ouvert"],
            )
        except search.SearchError as error:
            self.add_error("rayon" if error.field == "radius_km" else error.field, error.message)
            return None


class PlaceForm(forms.ModelForm):
    commune = CommuneField(label="Commune", help_text="Nom, code postal ou code INSEE.")
    latitude = FrenchFloatField(
        label="Latitude",
        required=False,
        min_value=-90,
        max_value=90,
        message="Indiquez une latitude entre -90 et 90, par exemple 48,8383.",
        help_text="Laissez vide pour prendre le centre de la commune.",
    )
    longitude = FrenchFloatField(
        label="Longitude",
        required=False,
        min_value=-180,
        max_value=180,
        message="Indiquez une longitude entre -180 et 180, par exemple -0,8893.",
        help_text="Laissez vide pour prendre le centre de la commune.",
    )
    kinds = forms.MultipleChoiceField(
        label="Types de lieu", choices=PlaceKind.choices, widget=forms.CheckboxSelectMultiple
    )
    services = forms.MultipleChoiceField(
        label="Services", required=False, choices=Service.choices, widget=forms.CheckboxSelectMultiple
    )
    access = forms.MultipleChoiceField(
        label="Comment venir", required=False, choices=standard_choices(ACCESS), widget=forms.CheckboxSelectMultiple
    )
    fees = forms.MultipleChoiceField(
        label="Frais à charge", required=False, choices=standard_choices(FEES), widget=forms.CheckboxSelectMultiple
    )
    publics = forms.MultipleChoiceField(
        label="Publics spécifiquement accueillis",
        required=False,
        choices=standard_choices(PUBLICS),
        widget=forms.CheckboxSelectMultiple,
    )
    specific_support = forms.MultipleChoiceField(
        label="Prise en charge spécifique",
        required=False,
        choices=standard_choices(SPECIFIC_SUPPORT),
        widget=forms.CheckboxSelectMultiple,
    )
    support_modes = forms.MultipleChoiceField(
        label="Modalités d'accompagnement",
        required=False,
        choices=standard_choices(SUPPORT_MODES),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Place
        fields = [
            "name",
            "kinds",
            "address",
            "address_complement",
            "postcode",
            "commune",
            "latitude",
            "longitude",
            "opening_hours",
            "access",
            "fees",
            "publics",
            "specific_support",
            "support_modes",
            "services",
            "seats",
            "visio_room",
            "computers",
            "internet",
            "on_site_support",
            "pmr_access",
            "summary",
            "description",
            "phone",
            "emails",
            "website",
            "acceslibre_url",
            "booking_url",
            "published",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 5})}

    def clean_emails(self):
        emails = [email.strip() for email in self.cleaned_data["emails"].split("|") if email.strip()]
        for email in emails:
            try:
                forms.EmailField().clean(email)
            except ValidationError:
                raise ValidationError(f"« {email} » n'est pas une adresse électronique valide.") from None
        return "|".join(emails)

    def clean(self):
        data = super().clean()
        commune = data.get("commune")
        if commune is not None and data.get("latitude") is None and data.get("longitude") is None:
            if commune.latitude is None:
                self.add_error("latitude", "Cette commune n'a pas de coordonnées : indiquez celles du lieu.")
            else:
                data["latitude"], data["longitude"] = float(commune.latitude), float(commune.longitude)
        elif (data.get("latitude") is None) != (data.get("longitude") is None) and not self.errors:
            self.add_error("latitude", "Indiquez la latitude et la longitude, ou aucune des deux.")
        return data

    def _post_clean(self):
        # The instance gets the coordinates filled in from the commune.
        for field in ("latitude", "longitude"):
            if self.cleaned_data.get(field) is not None:
                setattr(self.instance, field, self.cleaned_data[field])
        super()._post_clean()
