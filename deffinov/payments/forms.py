"""The forms of payments: the lead's request, the Region's motivations, the finance officer's recordings."""

from django import forms

from deffinov.applications.forms.fields import BoundedDateField, EurosField
from deffinov.formatting import euros
from deffinov.payments.workflow import REFERENCE_MAX


class RequestForm(forms.Form):
    """The statement of expenses (one amount spent per budget line of the dossier), the amount, a comment."""

    amount = EurosField(
        label="Montant demandé",
        required=False,
        help_text="Laissez vide pour demander tout ce qui est débloqué.",
    )
    comment = forms.CharField(
        label="Commentaire", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, lines, tranche, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"spent_{line.pk}"] = EurosField(
                label=f"{line.label} – dépensé",
                help_text=f"{line.participation.organisation.name} ; prévu : {euros(line.amount)}",
                error_messages={"required": "Indiquez le montant dépensé (0 si rien)."},
            )
        if tranche.is_balance:
            self.fields[
                "amount"
            ].help_text = "Laissez vide pour demander le solde calculé au prorata des dépenses justifiées."
        else:
            self.fields["amount"].help_text = f"Au plus {euros(tranche.amount)}. Laissez vide pour demander ce montant."

    def spent_fields(self):
        return [(line, self[f"spent_{line.pk}"]) for line in self.lines]

    def spent(self):
        return {line.pk: self.cleaned_data[f"spent_{line.pk}"] for line in self.lines}


class MotivationForm(forms.Form):
    motivation = forms.CharField(label="Motif", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class PaymentForm(forms.Form):
    engagement = forms.CharField(label="Référence de l'engagement", max_length=REFERENCE_MAX)
    mandate = forms.CharField(label="Référence du mandat", max_length=REFERENCE_MAX)
    paid_on = BoundedDateField(label="Date du paiement")


class RecoveryForm(forms.Form):
    recovered_on = BoundedDateField(label="Date du reversement")
    reference = forms.CharField(label="Référence du titre de recette", max_length=40, required=False)
