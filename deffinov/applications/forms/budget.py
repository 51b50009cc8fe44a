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
        help_texts = {
            "category": "Les travaux de bâtiment ne sont pas financés.",
            "in_kind": (
                "Temps de travail ou locaux mis à disposition, valorisés. Saisissez-les une fois, ici : "
                "la ressource « Apports en nature » du même montant est ajoutée d'elle-même."
            ),
        }

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participation"].queryset = Participation.objects.filter(
            application=application, status=Participation.Status.ACCEPTED
        ).select_related("organisation")
        self.fields["participation"].label_from_instance = lambda participation: participation.organisation.name
        self.fields["participation"].empty_label = None
        self.fields["category"].choices = [("", "Choisir une catégorie…"), *ExpenseLine.Category.choices]


class ResourceForm(forms.ModelForm):
    prefix = "ressource"
    amount = EurosField(label="Montant (€)", help_text="Par exemple 1 500,50 ou 12 000 €.")

    class Meta:
        model = ResourceLine
        fields = ["kind", "label", "amount"]
        help_texts = {
            "kind": "Les apports en nature se saisissent en dépense, case « Apport en nature » cochée.",
        }

    def __init__(self, *args, **kwargs):
        kwargs.pop("application", None)
        super().__init__(*args, **kwargs)
        kinds = ResourceLine.Kind.choices
        if self.instance.kind != ResourceLine.Kind.IN_KIND:
            # Entered once, as an expense: the resource follows it.
            kinds = [(value, label) for value, label in kinds if value != ResourceLine.Kind.IN_KIND]
        self.fields["kind"].choices = [("", "Choisir la nature…"), *kinds]


BUDGET_FORMS = {"depense": ExpenseForm, "ressource": ResourceForm}
