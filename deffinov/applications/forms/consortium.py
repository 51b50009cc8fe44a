from django import forms

from deffinov.applications.models import Participation
from deffinov.calls.models import Wave
from deffinov.organisations.models import Organisation
from deffinov.organisations.validators import clean_digits, validate_siret


class CreateApplicationForm(forms.Form):
    wave = forms.ModelChoiceField(label="Vague", queryset=Wave.objects.none(), empty_label=None)
    organisation = forms.ModelChoiceField(
        label="Structure chef de file",
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text="Votre structure porte le dossier : elle en sera le chef de file.",
    )
    title = forms.CharField(label="Titre du projet", max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = Wave.objects.open_at().select_related("call").order_by("closes_at")
        self.fields["organisation"].queryset = Organisation.objects.administered_by(user)


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), widget=forms.HiddenInput)
    role = forms.ChoiceField(label="Rôle", choices=Participation.Role.choices)


class InviteByEmailForm(forms.Form):
    email = forms.EmailField(label="Adresse électronique de la personne à inviter")
    siret = forms.CharField(label="SIRET de sa structure", max_length=20, help_text="14 chiffres.")
    role = forms.ChoiceField(label="Rôle", choices=Participation.Role.choices)

    def clean_siret(self):
        siret = clean_digits(self.cleaned_data["siret"])
        validate_siret(siret)
        return siret


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher une structure inscrite",
        required=False,
        help_text="Par son nom, son SIRET ou sa commune.",
    )
