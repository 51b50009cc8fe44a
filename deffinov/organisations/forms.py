from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from deffinov.organisations import sirene
from deffinov.organisations.kinds import KIND_GROUPS, Kind
from deffinov.organisations.legal_forms import LegalForm
from deffinov.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    siret_already_registered_message,
)
from deffinov.organisations.validators import clean_digits
from deffinov.territories.forms import CommuneField
from deffinov.territories.models import Commune


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# The fields a SIRENE-verified identity fixes.
VERIFIED_FIELDS = ("name", "legal_form", "created_on")


class OrganisationForm(forms.ModelForm):
    siret = forms.CharField(
        label=_("SIRET"),
        max_length=20,
        help_text=_("Les 14 chiffres du SIRET de l'établissement, espaces acceptés. Exemple : 732 829 320 00074."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                # The identity is read from SIRENE as soon as the 14 digits are typed.
                "hx-post": reverse_lazy("organisations:sirene_lookup"),
                "hx-trigger": "input changed delay:500ms, change",
                "hx-target": "#sirene-status",
                "hx-sync": "this:replace",
            }
        ),
    )
    legal_form = forms.ChoiceField(
        label=_("Forme juridique"), choices=[("", _("Choisissez la forme juridique")), *LegalForm.choices]
    )
    commune = CommuneField(
        label=_("Commune"), help_text=_("Saisissez le nom de la commune, son code postal ou son code INSEE.")
    )
    kinds = forms.MultipleChoiceField(
        label=_("Types de structure"),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez tout ce qui décrit votre structure."),
        error_messages={"required": _("Cochez au moins un type de structure.")},
        template_name="organisations/fields/kinds.html",  # The kinds in their groups (kind_groups).
    )
    qualiopi = forms.TypedChoiceField(
        label=_("Votre structure est-elle certifiée Qualiopi ?"),
        choices=[("True", _("Oui")), ("False", _("Non"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        initial="False",
    )
    nda = forms.CharField(
        label=_("Numéro de déclaration d'activité (NDA)"),
        required=False,
        max_length=20,
        help_text=_("Obligatoire pour un organisme de formation : 11 chiffres. Exemple : 28140123414."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    website = forms.URLField(
        label=_("Site web"), required=False, assume_scheme="https", help_text=_("Exemple : https://www.exemple.fr")
    )

    class Meta:
        model = Organisation
        fields = [
            "siret",
            "name",
            "legal_form",
            "kinds",
            "address",
            "postcode",
            "commune",
            "latitude",
            "longitude",
            "created_on",
            "place_opened_on",
            "nda",
            "uai",
            "qualiopi",
            "qualiopi_certified_on",
            "website",
            "description",
        ]
        labels = {
            "name": _("Raison sociale"),
            "address": _("Adresse"),
            "postcode": _("Code postal"),
            "latitude": _("Latitude"),
            "longitude": _("Longitude"),
            "created_on": _("Date de création de la structure"),
            "place_opened_on": _("Date d'ouverture du lieu"),
            "uai": _("Code UAI"),
            "qualiopi_certified_on": _("Date de certification Qualiopi"),
            "description": _("Présentation"),
        }
        help_texts = {
            "name": _("Le nom officiel, tel qu'il figure au répertoire SIRENE."),
            "address": _("Numéro et voie. Exemple : 12 rue du Calvados."),
            "postcode": _("5 chiffres. Exemple : 14500."),
            "latitude": _("Facultatif : à défaut, le centre de la commune. Exemple : 48,83850."),
            "longitude": _("Facultatif : à défaut, le centre de la commune. Exemple : -0,88930."),
            "created_on": _("La date d'immatriculation ou de déclaration en préfecture."),
            "place_opened_on": _("Obligatoire pour un tiers-lieu : la date à laquelle le lieu a ouvert ses portes."),
            "uai": _(
                "Obligatoire pour un CFA, un lycée professionnel ou un établissement scolaire : "
                "7 chiffres et une lettre. Exemple : 0140013N."
            ),
            "qualiopi_certified_on": _("Obligatoire si la structure est certifiée."),
            "description": _(
                "Quelques lignes sur vos activités, vos publics et vos locaux ; "
                "elles apparaissent sur la fiche publique de la structure."
            ),
        }
        widgets = {
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "created_on": DateInput(),
            "place_opened_on": DateInput(),
            "qualiopi_certified_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        localized_fields = ["latitude", "longitude"]

    # What SIRENE answered for the SIRET typed: an Identity, or None when it could not answer.
    identity = None
    sirene_unavailable = False
    registered_organisation = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["address", "postcode"]:
            self.fields[name].required = True
        for name in ["latitude", "longitude"]:
            self.fields[name].widget.attrs["inputmode"] = "decimal"
        if self.instance.pk:
            # The SIRET identifies the structure: it is never edited here.
            del self.fields["siret"]
            if self.instance.commune_id:
                self.initial["commune"] = self.instance.commune
            if self.instance.identity_verified:
                # What the SIRENE register says stays as it says it.
                for name in VERIFIED_FIELDS:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("Lu au répertoire SIRENE : il ne se modifie pas ici.")

    @property
    def kind_groups(self):
        options = {option.data["value"]: option for option in self["kinds"]}
        return [(label, [options[kind] for kind in kinds]) for label, kinds in KIND_GROUPS]

    def clean_siret(self):
        siret = clean_digits(self.cleaned_data["siret"])
        Organisation._meta.get_field("siret").run_validators(siret)
        existing = Organisation.objects.filter(siret=siret).first()
        if existing:
            self.registered_organisation = existing
            raise ValidationError(siret_already_registered_message(existing), code="unique")
        try:
            self.identity = sirene.lookup(siret)
        except sirene.SireneError as error:
            raise ValidationError(error.message, code="sirene") from None
        except sirene.SireneUnavailable:
            # Typed by hand, and shown to the Region as « non vérifié ».
            self.sirene_unavailable = True
        return siret

    def _take_identity(self, cleaned):
        """The register's values replace what was typed; their fields' own errors (left empty) go."""
        values = self.identity.form_values()
        commune = Commune.objects.filter(pk=values.pop("commune", "")).first()
        if commune:
            values["commune"] = commune
        if self.identity.created_on:
            values["created_on"] = self.identity.created_on
        for name, value in values.items():
            cleaned[name] = value
            self._errors.pop(name, None)

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].replace(" ", "")
        if postcode and not (postcode.isdigit() and len(postcode) == 5):
            raise ValidationError(_("Un code postal compte 5 chiffres. Exemple : 14500."))
        return postcode

    def clean_nda(self):
        return clean_digits(self.cleaned_data["nda"])

    def clean_uai(self):
        return self.cleaned_data["uai"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        if self.identity:
            self._take_identity(cleaned)
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not {"latitude", "longitude"} & set(self.errors):
            self.add_error(
                "longitude" if longitude is None else "latitude",
                _("Indiquez la latitude et la longitude, ou laissez les deux vides."),
            )
        if latitude is not None and not -90 <= latitude <= 90:
            self.add_error("latitude", _("Une latitude est comprise entre -90 et 90."))
        if longitude is not None and not -180 <= longitude <= 180:
            self.add_error("longitude", _("Une longitude est comprise entre -180 et 180."))
        if cleaned.get("qualiopi") is False:
            cleaned["qualiopi_certified_on"] = None
        self._forget_stale_coordinates(cleaned)
        return cleaned

    def _forget_stale_coordinates(self, cleaned):
        """A structure that moves to another commune and kept the old commune's centre gets the new one's."""
        old = self.instance.commune if self.instance.pk and self.instance.commune_id else None
        new = cleaned.get("commune")
        if not old or not new or old.pk == new.pk:
            return
        if (cleaned.get("latitude"), cleaned.get("longitude")) == (old.latitude, old.longitude):
            cleaned["latitude"] = cleaned["longitude"] = None

    def _post_clean(self):
        # A field already invalid keeps its own message only: a badly typed NDA should not also read
        # "NDA missing", nor an empty list of kinds say twice that one is needed.
        own_errors = {name: list(errors.data) for name, errors in self._errors.items()}
        super()._post_clean()
        for name, errors in own_errors.items():
            self._errors[name].data = errors
        if self.identity:
            self.instance.take_identity(self.identity)


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]
        labels = {"email": _("Adresse électronique de la personne invitée"), "role": _("Rôle")}
        help_texts = {
            "email": _("Elle recevra un lien valable 14 jours pour rejoindre la structure. Exemple : nom@exemple.fr"),
            "role": _("Un administrateur peut modifier la fiche de la structure et inviter d'autres personnes."),
        }
        widgets = {"role": forms.RadioSelect, "email": forms.EmailInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Membership.Role.choices


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices)
