from django import forms
from django.contrib.auth import get_user_model

from deffinov.applications.models import Application, State
from deffinov.calls.formatting import format_percent
from deffinov.calls.models import Wave
from deffinov.committee.decisions import DecisionError, parse_amount
from deffinov.committee.models import CommitteeMember, CommitteeSession, Decision


class SessionForm(forms.ModelForm):
    class Meta:
        model = CommitteeSession
        fields = ["wave", "title", "date"]
        widgets = {"date": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
        help_texts = {"date": "Heure de Paris."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = Wave.objects.select_related("call").order_by("-opens_at")


class MemberForm(forms.ModelForm):
    email = forms.EmailField(
        label="Adresse électronique du compte (facultatif)",
        required=False,
        help_text="Si la personne a un compte sur la plateforme, elle pourra consulter cette séance.",
    )

    class Meta:
        model = CommitteeMember
        fields = ["name", "function", "institution"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError("Aucun compte actif n'utilise cette adresse ; laissez le champ vide.")
        return user


class AgendaForm(forms.Form):
    applications = forms.ModelMultipleChoiceField(
        label="Dossiers en instruction à inscrire",
        queryset=Application.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Cochez au moins un dossier."},
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = (
            Application.objects.filter(wave=session.wave, state=State.IN_REVIEW)
            .exclude(agenda_items__session=session)
            .order_by("number")
        )
        self.fields["applications"].label_from_instance = lambda a: f"{a.number} – {a.title}"


class ProposedAmountForm(forms.Form):
    proposed_amount = forms.CharField(label="Montant proposé (€)", max_length=20, required=False)

    def clean_proposed_amount(self):
        try:
            amount = parse_amount(self.cleaned_data["proposed_amount"])
        except DecisionError as error:
            raise forms.ValidationError(error.message) from error
        if amount is not None and amount < 0:
            raise forms.ValidationError("Le montant proposé ne peut pas être négatif.")
        return amount


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Décision",
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez une décision."},
    )
    amount_granted = forms.CharField(
        label="Montant accordé (€)",
        required=False,
        max_length=20,
        help_text="En cas d'acceptation : au plus le montant demandé, il peut être inférieur.",
    )
    cofinancing_exception = forms.BooleanField(
        label="Accorder la dérogation au taux de cofinancement minimal",
        required=False,
    )
    motivation = forms.CharField(
        label="Motivation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Obligatoire en cas de refus : elle figure dans la lettre envoyée au consortium.",
    )

    def __init__(self, *args, exception_floor, **kwargs):
        super().__init__(*args, **kwargs)
        floor = format_percent(exception_floor)
        self.fields["cofinancing_exception"].help_text = f"Le plancher est alors abaissé à {floor} du budget."

    def clean_amount_granted(self):
        try:
            return parse_amount(self.cleaned_data["amount_granted"])
        except DecisionError as error:
            raise forms.ValidationError(error.message) from error
