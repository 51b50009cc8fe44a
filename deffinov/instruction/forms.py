import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from deffinov.accounts.roles import Role
from deffinov.applications.models import State
from deffinov.instruction.models import CorrectionRequest, Label, LabelColour
from deffinov.instruction.uploads import check_upload
from deffinov.instruction.workspace import SORTS, score_hook
from deffinov.territories.models import Department


def instructors():
    return get_user_model().objects.with_role(Role.INSTRUCTOR).order_by("last_name", "first_name", "email")


class WorkspaceFilterForm(forms.Form):
    """The list's filters, read from the URL so that a filtered list can be shared."""

    q = forms.CharField(label="Rechercher", required=False, help_text="Titre, numéro ou nom d'une structure.")
    state = forms.ChoiceField(label="État", required=False)
    departement = forms.ChoiceField(label="Département des lieux d'activité", required=False)
    eligibility = forms.ChoiceField(
        label="Éligibilité au dépôt",
        required=False,
        choices=[("", "Toutes"), ("eligible", "Éligible"), ("ineligible", "Non éligible")],
    )
    instructor = forms.ChoiceField(label="Instructeur", required=False)
    label = forms.ChoiceField(label="Étiquette", required=False)
    score_min = forms.DecimalField(label="Note moyenne minimale", required=False, min_value=0, decimal_places=2)
    score_max = forms.DecimalField(label="Note moyenne maximale", required=False, min_value=0, decimal_places=2)
    sort = forms.ChoiceField(label="Trier par", required=False)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "Tous")] + [c for c in State.choices if c[0] != State.DRAFT]
        departments = Department.objects.filter(code__in=call.eligible_departments.values("code")).order_by("code")
        self.fields["departement"].choices = [("", "Tous")] + [(d.code, f"{d.code} – {d.name}") for d in departments]
        self.fields["instructor"].choices = [("", "Tous"), ("me", "Moi"), ("none", "Non attribué")] + [
            (str(user.pk), str(user)) for user in instructors()
        ]
        self.fields["label"].choices = [("", "Toutes")] + [
            (str(label.pk), label.name) for label in Label.objects.filter(call=call)
        ]
        sort_labels = {
            "number": "numéro",
            "title": "titre",
            "amount": "montant demandé",
            "cofinancing": "taux de cofinancement",
            "submitted": "date de dépôt",
        }
        self.fields["sort"].choices = [
            (key if not descending else f"-{key}", f"{'↓' if descending else '↑'} {label}")
            for key, label in sort_labels.items()
            for descending in (False, True)
            if key in SORTS
        ]
        if score_hook() is None:
            del self.fields["score_min"]
            del self.fields["score_max"]


class CorrectionRequestForm(forms.Form):
    reason = forms.ChoiceField(label="Motif", choices=CorrectionRequest.Reason.choices, widget=forms.RadioSelect)
    details = forms.CharField(
        label="Ce qui doit être corrigé",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ce texte est envoyé au collectif.",
        max_length=5000,
    )
    due_on = forms.DateField(
        label="À renvoyer avant le", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise ValidationError("La date limite ne peut pas être passée.")
        if due_on > timezone.localdate() + dt.timedelta(days=366):
            # « 9999-12-31 » would leave the dossier open to changes for good.
            raise ValidationError("La date limite doit rester dans l'année qui vient.")
        return due_on


class MotivationForm(forms.Form):
    motivation = forms.CharField(label="Motif", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class AssignmentForm(forms.Form):
    instructor = forms.ModelChoiceField(
        label="Ajouter un instructeur", queryset=None, empty_label="Choisir un instructeur…"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instructor"].queryset = instructors()


class LabelsForm(forms.Form):
    labels = forms.ModelMultipleChoiceField(
        label="Étiquettes du dossier", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["labels"].queryset = Label.objects.filter(call=call)


class NewLabelForm(forms.ModelForm):
    class Meta:
        model = Label
        fields = ["name", "colour"]
        labels = {"name": "Nom de la nouvelle étiquette", "colour": "Couleur"}

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["colour"].choices = LabelColour.choices

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        # Compared in Python: SQLite ignores the case of ASCII letters only (« À » ≠ « à »).
        names = Label.objects.filter(call=self.call).values_list("name", flat=True)
        if name.casefold() in {existing.casefold() for existing in names}:
            raise ValidationError("Une étiquette porte déjà ce nom dans cet appel.")
        return name


class AnnotationForm(forms.Form):
    body = forms.CharField(
        label="Nouvelle annotation",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10000,
        help_text="Visible seulement des agents de la Région.",
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class MessageForm(forms.Form):
    body = forms.CharField(label="Votre message", widget=forms.Textarea(attrs={"rows": 5}), max_length=20000)
    attachments = MultipleFileField(
        label="Pièces jointes", required=False, help_text="PDF, ODT, DOCX, JPEG ou PNG ; plusieurs fichiers possibles."
    )

    def clean_attachments(self):
        checked, errors = [], []
        for upload in self.cleaned_data.get("attachments") or []:
            try:
                content_type, sha256, name = check_upload(upload)
            except ValidationError as error:
                errors.extend(f"{upload.name} : {message}" for message in error.messages)
                continue
            checked.append((upload, content_type, sha256, name))
        if errors:
            raise ValidationError(errors)
        return checked
