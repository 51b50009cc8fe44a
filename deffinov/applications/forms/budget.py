from django import forms

from deffinov.applications.forms.fields import EurosField
from deffinov.applications.models import ExpenseLine, Participation, ResourceLine


class ExpenseForm(forms.ModelForm):
    prefix = "depense"
    amount = EurosField(label="Montant (€)", help_text="Par exemple 1 500,50 ou 12 000 €.")

    class Meta:
        model = ExpenseLine
        fields = ["participation", "category", "label", "amount", "in_kind"]
        labels = {"participation": "Membre qui porte la dépense"}
        help_texts = {"category": "Les travaux de bâtiment ne sont pas financés."}

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participation"].queryset = Participation.objects.filter(
            application=application, status=Participation.Status.ACCEPTED
        ).select_related("organisation")
        self.fields["participation"].label_from_instance = lambda participation: participation.organisation.name
        self.fields["participation"].empty_label = None


class ResourceForm(forms.ModelForm):
    prefix = "ressource"
    amount = EurosField(label="Montant (€)", help_text="Par exemple 1 500,50 ou 12 000 €.")

    class Meta:
        model = ResourceLine
        fields = ["kind", "label", "amount"]
