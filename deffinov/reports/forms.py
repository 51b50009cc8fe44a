"""The report form: narrative, spent per budget line, indicators typed as numbers, communes served, attachments."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from deffinov.applications.documents import ALLOWED_LABEL, check_upload
from deffinov.applications.forms.fields import EurosField, FrenchDecimalField
from deffinov.applications.forms.sections import communes_text
from deffinov.formatting import grouped
from deffinov.loans.indicators import pooled_equipment
from deffinov.reports.content import NARRATIVE_MAX
from deffinov.reports.models import INDICATOR_LIMIT, IndicatorKind, ReportKind
from deffinov.territories.forms import CommuneField, CommuneListInput


class IndicatorField(FrenchDecimalField):
    """A count (or hours) typed in figures: at least 0, at most a million, a whole number unless hours."""

    example = "12"

    def __init__(self, indicator, **kwargs):
        self.indicator = indicator
        super().__init__(min_value=Decimal(0), max_value=Decimal(INDICATOR_LIMIT), required=False, **kwargs)
        self.error_messages.update(
            {
                "invalid": f"Indiquez un nombre de {indicator.unit} en chiffres, par exemple %(example)s.",
                "negative": "Un indicateur ne peut pas être négatif : indiquez-le sans signe moins.",
                "max_value": "Indiquez au plus %(limit)s : vérifiez le nombre de zéros.",
            }
        )

    def shown(self, value):
        return grouped(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.indicator.kind == IndicatorKind.INTEGER:
            attrs["inputmode"] = "numeric"
        return attrs

    def validate(self, value):
        super().validate(value)
        if value is not None and self.indicator.kind == IndicatorKind.INTEGER and value != value.to_integral_value():
            raise ValidationError(f"Indiquez un nombre entier de {self.indicator.unit}.", code="integer")

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return str(int(value))
        return super().prepare_value(value)


def indicator_field_name(indicator, public):
    return f"ind_{indicator.code}" + (f"__{public}" if public else "")


class ReportForm(forms.Form):
    narrative = forms.CharField(
        label="Récit du projet",
        required=False,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Ce qui a été fait sur la période, ce qui a changé par rapport au projet, les difficultés. "
        "Obligatoire pour remettre le bilan.",
    )
    communes = forms.CharField(
        label="Communes desservies",
        required=False,
        widget=CommuneListInput,
        help_text="Une commune par ligne : son nom et son code postal, par exemple « Vire Normandie (14500) », "
        "ou choisies avec « Ajouter une commune ».",
    )
    attachment = forms.FileField(
        label="Ajouter une pièce jointe",
        required=False,
        help_text=f"Facultatif : rapport d'activité, feuilles d'émargement, photos… ({ALLOWED_LABEL}).",
    )

    def __init__(self, *args, report, lines, indicators, **kwargs):
        self.report, self.lines = report, lines
        self.indicators = [indicator for indicator in indicators if indicator.kind != IndicatorKind.COMMUNES]
        initial = kwargs.pop("initial", None) or self.initial_from(report)
        super().__init__(*args, initial=initial, **kwargs)
        for line in lines:
            self.fields[f"spent_{line.pk}"] = EurosField(label=f"Dépensé – {line.label}", required=False)
        for indicator in self.indicators:
            for public, label in indicator.parts:
                self.fields[indicator_field_name(indicator, public)] = IndicatorField(
                    indicator, label=f"{label} ({indicator.unit})"
                )

    @staticmethod
    def initial_from(report):
        initial = {"narrative": report.narrative, "communes": communes_text(report.communes.order_by("name"))}
        for expense in report.expenses.all():
            initial[f"spent_{expense.line_id}"] = expense.spent
        for value in report.values.select_related("indicator"):
            initial[indicator_field_name(value.indicator, value.public)] = value.value
        # Until typed, « équipements mutualisés » counts the members' items lent over the report's period.
        project, middle = report.project, report.project.interim_report_due
        start, end = (project.starts_on, middle) if report.kind == ReportKind.INTERIM else (middle, project.ends_on)
        if pooled := pooled_equipment(project, start, end):
            initial.setdefault("ind_equipements_mutualises", pooled)
        return initial

    def expense_fields(self):
        return [(line, self[f"spent_{line.pk}"]) for line in self.lines]

    def indicator_groups(self):
        return [
            (indicator, [self[indicator_field_name(indicator, public)] for public, _ in indicator.parts])
            for indicator in self.indicators
        ]

    def clean_communes(self):
        communes, errors = [], []
        field = CommuneField()
        for line in self.cleaned_data["communes"].splitlines():
            if not line.strip():
                continue
            try:
                commune = field.clean(line)
            except ValidationError as error:
                errors.append(f"« {line.strip()} » : {error.messages[0]}")
                continue
            if commune not in communes:
                communes.append(commune)
        if errors:
            raise ValidationError(errors)
        return communes

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_upload(upload)
        return upload

    def content(self):
        """The cleaned content, as `deffinov.reports.content.save_content` takes it."""
        data = self.cleaned_data
        return {
            "narrative": data["narrative"],
            "spent": {line.pk: data.get(f"spent_{line.pk}") for line in self.lines},
            "values": {
                (indicator.code, public): data.get(indicator_field_name(indicator, public))
                for indicator in self.indicators
                for public, _ in indicator.parts
            },
            "communes": data["communes"],
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Décision",
        choices=[("accept", "Accepter le bilan"), ("request_correction", "Demander des corrections")],
        widget=forms.RadioSelect,
    )
    motivation = forms.CharField(
        label="Corrections attendues",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Obligatoire pour demander des corrections : le chef de file les reçoit par courriel.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "request_correction" and not (data.get("motivation") or "").strip():
            self.add_error("motivation", "Indiquez les corrections attendues.")
        return data
