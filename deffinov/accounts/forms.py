import re

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from deffinov.accounts.models import User


def validate_phone(value):
    digits = re.sub(r"\D", "", value)
    if not re.fullmatch(r"[0-9+ .()\-]+", value) or not 10 <= len(digits) <= 15:
        raise ValidationError(
            _("Saisissez un numéro de téléphone valide, par exemple 02 31 06 98 98 ou +33 2 31 06 98 98."),
            code="invalid_phone",
        )


class SignupForm(AllauthSignupForm):
    """Account creation: the person's name, then allauth's email and password fields."""

    first_name = forms.CharField(
        label=_("Prénom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Nom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    field_order = ["first_name", "last_name", "email", "password1", "password2"]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "job_title"]
        labels = {"first_name": _("Prénom"), "last_name": _("Nom"), "phone": _("Téléphone"), "job_title": _("Fonction")}
        help_texts = {
            "phone": _("Un numéro où l'équipe de la Région peut vous joindre au sujet d'un dossier."),
            "job_title": _("Par exemple : directrice, chargé de projets, coordinateur du tiers-lieu."),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["phone"].validators.append(validate_phone)
