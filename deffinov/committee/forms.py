from django import forms
from django.contrib.auth import get_user_model

from deffinov.applications.models import Application, State
from deffinov.calls.models import Wave
from deffinov.committee.amounts import AmountError, check_bounds, parse_amount
from deffinov.committee.models import CommitteeMember, CommitteeSession, Decision
from deffinov.formatting import percent


class SessionForm(forms.ModelForm):
    class Meta:
        model = CommitteeSession
        fields = ["wave", "title", "date"]
        labels = {"wave": "Vague", "title": "Intitulé de la séance", "date": "Date et heure de la séance"}
        widgets = {"date": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
        help_texts = {"date": "Heure de Paris."}
        error_messages = {
            "wave": {"required": "Choisissez la vague.", "invalid_choice": "Choisissez une vague de la liste."},
            "title": {"required": "Donnez un intitulé à la séance."},
            "date": {"required": "Indiquez la date de la séance.", "invalid": "Indiquez une date et une heure."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = Wave.objects.select_related("call").order_by("-opens_at")
        self.fields["wave"].empty_label = "Choisissez une vague"

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date is not None and not 2000 <= date.year <= 2100:
            raise forms.ValidationError("Indiquez une date entre 2000 et 2100.")
        return date


class MemberForm(forms.ModelForm):
    email = forms.EmailField(
        label="Adresse électronique du compte (facultatif)",
        required=False,
        help_text="Si la personne a un compte sur la plateforme, elle pourra consulter cette séance.",
    )

    class Meta:
        model = CommitteeMember
        fields = ["name", "function", "institution"]
        labels = {"name": "Nom", "function": "Fonction", "institution": "Institution"}
        error_messages = {
            "name": {"required": "Indiquez le nom du membre."},
            "institution": {"required": "Choisissez l'institution.", "invalid_choice": "Choisissez une institution."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].choices = [("", "Choisir l'institution…"), *CommitteeMember.Institution.choices]

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
    """Empty: the amount requested. Otherwise a sound amount (amounts.check_bounds) for this dossier."""

    proposed_amount = forms.CharField(
        label="Montant proposé (€)",
        max_length=30,
        required=False,
        error_messages={"max_length": "Écrivez le montant en chiffres, par exemple 95 000 ou 1 500,50."},
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.warning = ""

    def clean_proposed_amount(self):
        try:
            amount = parse_amount(self.cleaned_data["proposed_amount"])
            if amount is not None:
                self.warning = check_bounds(
                    amount, self.application.requested_amount, self.application.wave.call, "Le montant proposé"
                )
        except AmountError as error:
            raise forms.ValidationError(error.message) from error
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
        max_length=30,
        error_messages={"max_length": "Écrivez le montant en chiffres, par exemple 95 000 ou 1 500,50."},
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
        help_text="Obligatoire en cas de refus : elle figure dans la lettre envoyée au collectif.",
    )

    def __init__(self, *args, exception_floor, **kwargs):
        super().__init__(*args, **kwargs)
        floor = percent(exception_floor)
        self.fields["cofinancing_exception"].help_text = f"Le plancher est alors abaissé à {floor} du budget."

    def clean_amount_granted(self):
        try:
            return parse_amount(self.cleaned_data["amount_granted"])
        except AmountError as error:
            raise forms.ValidationError(error.message) from error


class ValidationForm(forms.Form):
    """The deliberation of the Commission permanente that makes the session's decisions final."""

    reference = forms.CharField(
        label="Référence de la délibération",
        max_length=100,
        help_text="Telle qu'elle figure au recueil des actes, par exemple CP-2026-11-042.",
        error_messages={
            "required": "Indiquez la référence de la délibération de la Commission permanente.",
            "max_length": "La référence de la délibération tient en 100 caractères au plus.",
        },
    )
    deliberation_date = forms.DateField(
        label="Date de la délibération",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Au plus tôt le jour de la séance, au plus tard aujourd'hui.",
        error_messages={"required": "Indiquez la date de la délibération.", "invalid": "Indiquez une date valide."},
    )
