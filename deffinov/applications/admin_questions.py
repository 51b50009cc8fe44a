"""The call's extra questions, edited inline in the call's admin by functional administrators."""

from django import forms
from django.contrib import admin

from deffinov.applications.models import ExtraQuestion

ANSWERED_DELETE = (
    "Des dossiers ont déjà répondu à la question « %(label)s » : elle ne peut pas être supprimée. "
    "Décochez « active » pour la retirer des dossiers."
)


class ExtraQuestionForm(forms.ModelForm):
    class Meta:
        model = ExtraQuestion
        fields = [
            "position",
            "label",
            "help_text",
            "kind",
            "required",
            "active",
            "unit",
            "min_value",
            "max_value",
            "options",
        ]
        widgets = {"options": forms.Textarea(attrs={"rows": 3, "cols": 30})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE") and self.instance.pk and self.instance.answers.exists():
            # Refused in French here; the admin's own check of protected objects then has nothing to do.
            cleaned["DELETE"] = False
            raise forms.ValidationError(ANSWERED_DELETE, code="answered", params={"label": self.instance.label})
        return cleaned


class ExtraQuestionInline(admin.StackedInline):
    model = ExtraQuestion
    form = ExtraQuestionForm
    extra = 0
    fields = [
        ("position", "kind", "required", "active"),
        "label",
        "help_text",
        ("unit", "min_value", "max_value"),
        "options",
    ]
    verbose_name = "question complémentaire"
    verbose_name_plural = "questions complémentaires (posées dans chaque dossier de l'appel)"
