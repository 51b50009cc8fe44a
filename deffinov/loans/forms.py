"""The forms of items and loans: amounts by EurosField, dates in a sane window, French messages everywhere."""

import datetime as dt

from django import forms

from deffinov import formatting
from deffinov.applications.forms.fields import BoundedDateField, EurosField
from deffinov.loans.models import Item, ItemKind
from deffinov.territories.models import Department

HORIZON_DAYS = 365
LONGEST_DAYS = 90


class ItemForm(forms.ModelForm):
    deposit = EurosField(
        label="Caution", required=False, help_text="En euros, par exemple 150 ; laissez vide s'il n'y en a pas."
    )

    class Meta:
        model = Item
        fields = ["kind", "name", "description", "deposit", "audience", "pickup_place", "available"]
        widgets = {"audience": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pickup_place"].queryset = organisation.places.order_by("name")
        self.fields["pickup_place"].empty_label = "À convenir avec la structure"
        self.fields["pickup_place"].help_text = "Un des lieux de la structure ; facultatif."

    def clean_deposit(self):
        return self.cleaned_data.get("deposit") or 0


class LoanRequestForm(forms.Form):
    borrower = forms.ChoiceField(label="Qui emprunte")
    starts_on = BoundedDateField(label="Du", help_text="Le jour du retrait.")
    ends_on = BoundedDateField(label="Au", help_text="Le jour du retour, au plus 90 jours plus tard.")
    message = forms.CharField(
        label="Message à la structure",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Facultatif : l'usage prévu, le public, vos questions.",
    )

    PERSONAL = "personnel"

    def __init__(self, *args, structures, personal_allowed, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.structures = {str(organisation.pk): organisation for organisation in structures}
        choices = [(key, organisation.name) for key, organisation in self.structures.items()]
        if personal_allowed:
            choices.append((self.PERSONAL, "Moi-même, en mon nom"))
        self.fields["borrower"].choices = choices
        self.fields["borrower"].error_messages["invalid_choice"] = (
            "Choisissez une structure dont vous êtes administrateur."
        )
        self.today = today
        for name in ("starts_on", "ends_on"):
            self.fields[name].set_window(today, today + dt.timedelta(days=HORIZON_DAYS))
            self.fields[name].error_messages["required"] = "Indiquez la date."

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on:
            if ends_on < starts_on:
                self.add_error(
                    "ends_on",
                    f"La date de retour ({formatting.day(ends_on)}) précède la date de retrait "
                    f"({formatting.day(starts_on)}) : inversez-les.",
                )
            elif (ends_on - starts_on).days + 1 > LONGEST_DAYS:
                self.add_error("ends_on", f"Un prêt dure au plus {LONGEST_DAYS} jours : rapprochez la date de retour.")
        return data

    def chosen_borrower(self):
        key = self.cleaned_data["borrower"]
        return None if key == self.PERSONAL else self.structures[key]


class CatalogueForm(forms.Form):
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "Tous les types"), *ItemKind.choices])
    department = forms.ModelChoiceField(
        label="Département de la structure",
        required=False,
        queryset=Department.objects.none(),
        empty_label="Tous les départements",
    )
    free_from = BoundedDateField(label="Libre du", required=False)
    free_to = BoundedDateField(label="au", required=False)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("code")
        for name in ("free_from", "free_to"):
            self.fields[name].set_window(today, today + dt.timedelta(days=HORIZON_DAYS))

    def clean(self):
        data = super().clean()
        free_from, free_to = data.get("free_from"), data.get("free_to")
        if free_from and not free_to:
            data["free_to"] = free_from
        elif free_to and not free_from:
            self.add_error("free_from", "Indiquez aussi la date de début.")
        elif free_from and free_to and free_to < free_from:
            self.add_error("free_to", "La date de fin précède la date de début : inversez-les.")
        return data
