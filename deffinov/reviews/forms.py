from django import forms
from django.utils import timezone

from deffinov.calls.models import PARIS
from deffinov.reviews.models import SCALE_MAX, ExpertInvitation

SCORE_CHOICES = [("", "Non noté"), *((str(n), f"{n} / {SCALE_MAX}") for n in range(SCALE_MAX + 1))]


class ScoreForm(forms.Form):
    """One note (0–5, or left blank) and one comment per criterion of the grid."""

    def __init__(self, *args, criteria, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        initial_scores = initial_scores or {}
        for criterion in self.criteria:
            score = initial_scores.get(criterion.pk)
            self.fields[f"score_{criterion.code}"] = forms.TypedChoiceField(
                label=f"{criterion.label} (pondération {criterion.weight})",
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                help_text=criterion.help,
                initial="" if score is None or score.value is None else str(score.value),
            )
            self.fields[f"comment_{criterion.code}"] = forms.CharField(
                label=f"Commentaire – {criterion.label}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )

    def lines(self):
        """(criterion, score field, comment field) for the template."""
        for criterion in self.criteria:
            yield criterion, self[f"score_{criterion.code}"], self[f"comment_{criterion.code}"]

    def scores(self):
        return {
            criterion: (self.cleaned_data[f"score_{criterion.code}"], self.cleaned_data[f"comment_{criterion.code}"])
            for criterion in self.criteria
        }


class InviteExpertForm(forms.Form):
    email = forms.EmailField(label="Adresse électronique de l'expert")
    deadline = forms.DateField(
        label="Date limite de l'avis",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Un rappel est envoyé deux jours avant.",
    )
    confidential = forms.BooleanField(
        label="Avis confidentiel", required=False, help_text="L'avis ne sera pas montré aux autres experts du dossier."
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        open_invitations = self.application.expert_invitations.filter(
            email__iexact=email, status__in=[ExpertInvitation.Status.INVITED, ExpertInvitation.Status.ACCEPTED]
        )
        if open_invitations.exists():
            raise forms.ValidationError("Cette personne est déjà invitée sur ce dossier.")
        return email

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.now().astimezone(PARIS).date():
            raise forms.ValidationError("La date limite ne peut pas être passée.")
        return deadline


class DeclarationForm(forms.Form):
    NO_CONFLICT = "no_conflict"
    RECUSE = "recuse"

    choice = forms.ChoiceField(
        label="Votre déclaration",
        widget=forms.RadioSelect,
        choices=[
            (NO_CONFLICT, "Je déclare n'avoir aucun conflit d'intérêts avec les membres de ce collectif."),
            (RECUSE, "Je me déporte : j'ai un lien avec ce projet ou l'un de ses membres."),
        ],
    )
    reason = forms.CharField(
        label="Motif du déport",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire si vous vous déportez.",
    )

    def clean(self):
        data = super().clean()
        if data.get("choice") == self.RECUSE and not data.get("reason", "").strip():
            self.add_error("reason", "Indiquez le motif de votre déport.")
        return data


class OpinionForm(forms.Form):
    verdict = forms.ChoiceField(label="Votre avis", widget=forms.RadioSelect, choices=ExpertInvitation.Verdict.choices)
    opinion = forms.CharField(
        label="Avis motivé",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        error_messages={"required": "Rédigez votre avis motivé."},
    )
