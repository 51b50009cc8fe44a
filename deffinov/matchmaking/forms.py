import re

from django import forms
from django.core.exceptions import ValidationError

from deffinov.matchmaking.models import (
    DESCRIPTION_MAX_LENGTH,
    MAX_RADIUS_KM,
    MESSAGE_MAX_LENGTH,
    MIN_RADIUS_KM,
    TITLE_MAX_LENGTH,
    Ad,
)
from deffinov.matchmaking.vocabulary import DOMAIN_CHOICES, Contribution
from deffinov.organisations.kinds import Kind
from deffinov.territories.forms import CommuneField, CommuneInput

RADIUS = re.compile(r"^[0-9]{1,4}$")
RADIUS_MESSAGE = (
    f"Indiquez un rayon en kilomètres, un nombre entier de {MIN_RADIUS_KM} à {MAX_RADIUS_KM}, par exemple 30."
)


class RadiusField(forms.Field):
    """Whole kilometres, from 1 to 200, typed with or without « km »."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric", "autocomplete": "off"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().lower().removesuffix("km").replace("\u00a0", "").replace(" ", "")
        if not RADIUS.match(text) or not MIN_RADIUS_KM <= int(text) <= MAX_RADIUS_KM:
            raise ValidationError(RADIUS_MESSAGE, code="invalid")
        return int(text)


class AdForm(forms.ModelForm):
    title = forms.CharField(
        label="Titre de l'annonce",
        max_length=TITLE_MAX_LENGTH,
        help_text="Par exemple : « Tiers-lieu du bocage cherche un organisme de formation au numérique ».",
    )
    sought_kinds = forms.MultipleChoiceField(
        label="Types de partenaires recherchés", choices=Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    seeks = forms.MultipleChoiceField(
        label="Ce que vous recherchez chez un partenaire",
        required=False,
        choices=Contribution.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    offers = forms.MultipleChoiceField(
        label="Ce que votre structure apporte",
        required=False,
        choices=Contribution.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    domains = forms.MultipleChoiceField(
        label="Domaines de formation",
        choices=DOMAIN_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Les 17 domaines de la nomenclature des spécialités de formation (NSF).",
    )
    commune = CommuneField(
        label="Commune du projet",
        widget=CommuneInput(postcode_field=""),
        help_text="Nom, code postal ou code INSEE ; celle de votre structure par défaut.",
    )
    radius_km = RadiusField(
        label="Rayon de recherche (km)", help_text=f"De {MIN_RADIUS_KM} à {MAX_RADIUS_KM} km, par exemple 30."
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Votre projet et le partenariat souhaité, en {DESCRIPTION_MAX_LENGTH} caractères au plus.",
    )

    class Meta:
        model = Ad
        fields = ["title", "sought_kinds", "seeks", "offers", "domains", "commune", "radius_km", "description"]

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A person administering several structures picks the one that posts; editing keeps it.
        if organisations is not None and len(organisations) > 1:
            self.fields["organisation"] = forms.ModelChoiceField(
                label="Structure qui publie", queryset=organisations, empty_label=None
            )
            self.order_fields(["organisation", *self.Meta.fields])

    def save(self, commit=True):
        ad = super().save(commit=False)
        if "organisation" in self.cleaned_data:
            ad.organisation = self.cleaned_data["organisation"]
        if commit:
            ad.save()
        return ad


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Votre message",
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"{MESSAGE_MAX_LENGTH} caractères au plus. Votre adresse électronique reste cachée jusqu'à la "
        "réponse de l'autre structure.",
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise ValidationError("Écrivez votre message.", code="required")
        return body


class ContactForm(MessageForm):
    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = forms.ModelChoiceField(
            label="Au nom de la structure", queryset=organisations, empty_label=None
        )
        self.only = organisations[0] if len(organisations) == 1 else None
        if self.only is not None:
            field = self.fields["organisation"]
            field.widget, field.required, field.initial = forms.HiddenInput(), False, self.only.pk
        self.order_fields(["organisation", "body"])

    def clean_organisation(self):
        return self.cleaned_data.get("organisation") or self.only


class InviteForm(forms.Form):
    dossier = forms.ChoiceField(label="Dossier en cours")

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].choices = [(a.number, f"{a.number} – {a.title}") for a in applications]
        if len(applications) == 1:
            self.fields["dossier"].widget = forms.HiddenInput()


class SuggestionFilterForm(forms.Form):
    pour = forms.ChoiceField(label="Suggestions pour", required=False)
    types = forms.MultipleChoiceField(
        label="Types de structure", required=False, choices=Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    domaines = forms.MultipleChoiceField(
        label="Domaines de formation", required=False, choices=DOMAIN_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pour"].choices = sources
