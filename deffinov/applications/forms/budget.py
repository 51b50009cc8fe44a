from django import forms

from deffinov.applications.forms.fields import EurosField
from deffinov.applications.models import ExpenseLine, Participation, ResourceLine


class ExpenseForm(forms.ModelForm):
    prefix = "depense"
    category = forms.ChoiceField(
        label="Catégorie",
        error_messages={
            "required": "Choisissez la catégorie de la dépense.",
            "invalid_choice": "Choisissez une des catégories proposées par l'appel à projets.",
        },
    )
    amount = EurosField(label="Montant (€)", help_text="Par exemple 1 500,50 ou 12 000 €.")

    class Meta:
        model = ExpenseLine
        fields = ["participation", "category", "label", "amount", "in_kind"]
        labels = {"participation": "Membre qui porte la dépense"}
        help_texts = {
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
        # The call's categories on offer; a line keeps the one it has even once the call no longer offers it.
        categories = [
            category
            for category in application.wave.call.all_budget_categories
            if category.is_active or category.code == self.instance.category
        ]
        self.fields["category"].choices = [
            ("", "Choisir une catégorie…"),
            *((category.code, category.label) for category in categories),
        ]
        helps = [f"{category.label} : {category.help_text}" for category in categories if category.help_text]
        self.fields["category"].help_text = " ".join(["Les travaux de bâtiment ne sont pas financés.", *helps])


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
