"""One form per section of the dossier. Each carries the version and fingerprint it was loaded with."""

from django import forms
from django.core.exceptions import ValidationError

from deffinov.applications.bounds import date_window
from deffinov.applications.forms.fields import BoundedDateField, EurosField, PercentField
from deffinov.applications.models import Public
from deffinov.territories.forms import CommuneField, CommuneInput, CommuneListInput
from deffinov.territories.models import EPCI


class SectionForm(forms.Form):
    """Common fields of every section form: what the person loaded, to detect a concurrent change."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, application, **kwargs):
        self.application = application
        super().__init__(*args, **kwargs)

    def content_fields(self):
        return [self[name] for name in self.fields if name not in {"version", "fingerprint"}]


class IdentityForm(SectionForm):
    title = forms.CharField(label="Titre du projet", max_length=200)
    summary = forms.CharField(
        label="Résumé du projet",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="En quelques lignes : qui, quoi, où, pour qui.",
    )


class TerritoryForm(SectionForm):
    communes = forms.CharField(
        label="Lieux d'activité",
        widget=CommuneListInput,
        required=False,
        help_text=(
            "Les communes où le projet a lieu, une par ligne : son nom et son code postal, par exemple "
            "« Vire Normandie (14500) », ou choisies avec « Ajouter une commune »."
        ),
    )
    epci = forms.ModelChoiceField(
        label="EPCI (facultatif)",
        queryset=EPCI.objects.none(),
        required=False,
        empty_label="Aucun",
        help_text="L'intercommunalité principalement concernée.",
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, application=application, **kwargs)
        departments = application.wave.call.eligible_departments.all()
        self.fields["epci"].queryset = EPCI.objects.filter(communes__department__in=departments).distinct()

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


def communes_text(communes):
    return "\n".join(CommuneInput.label(commune) for commune in communes)


class PublicsForm(SectionForm):
    publics = forms.MultipleChoiceField(
        label="Publics visés", choices=Public.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    publics_other = forms.CharField(
        label="Autres publics : lesquels ?", max_length=255, required=False, help_text="Si vous avez coché « Autres »."
    )

    def clean(self):
        cleaned = super().clean()
        if Public.OTHER in cleaned.get("publics", []) and not cleaned.get("publics_other", "").strip():
            self.add_error("publics_other", "Précisez les autres publics visés.")
        return cleaned


class PedagogyForm(SectionForm):
    pedagogy = forms.CharField(
        label="Approche pédagogique",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Modalités (présentiel, distanciel, hybride), accompagnement des apprenants, formateurs.",
    )
    innovation = forms.CharField(
        label="Caractère innovant",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="Ce que le projet apporte de nouveau sur le territoire.",
    )


class PoolingForm(SectionForm):
    pooling = forms.CharField(
        label="Mutualisation des équipements et des ressources",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="Quels équipements, ressources pédagogiques et compétences les membres partagent, et comment.",
    )


class SpacesForm(SectionForm):
    spaces = forms.CharField(
        label="Espaces et équipements prévus",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=(
            "Salles, postes informatiques, visioconférence, accessibilité. "
            "Les travaux de bâtiment ne sont pas financés."
        ),
    )


class ScheduleForm(SectionForm):
    start_on = BoundedDateField(label="Début du projet", required=False)
    end_on = BoundedDateField(label="Fin du projet", required=False)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, application=application, **kwargs)
        earliest, latest = date_window(application.wave)
        for name in ("start_on", "end_on"):
            self.fields[name].set_window(earliest, latest)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_on"), cleaned.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", "La fin du projet doit suivre son début.")
        return cleaned


def criterion_field_name(participation, criterion):
    return f"criterion_{participation.pk}_{criterion.code}"


class CriteriaForm(SectionForm):
    """Each of the call's criteria, with a justification, for each tiers-lieu member."""

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, application=application, **kwargs)
        self.groups = []
        criteria = list(application.wave.call.tiers_lieu_criteria.all())
        for participation in tiers_lieu_participations(application):
            names = []
            for criterion in criteria:
                name = criterion_field_name(participation, criterion)
                self.fields[name] = forms.CharField(
                    label=criterion.label,
                    help_text=criterion.help_text,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                names.append(name)
            self.groups.append((participation, names))

    def grouped_fields(self):
        return [(participation, [self[name] for name in names]) for participation, names in self.groups]


def tiers_lieu_participations(application):
    return [p for p in application.accepted_participations() if p.organisation.is_tiers_lieu and p.counted]


class MoneyForm(SectionForm):
    """Each member's share of the grant and the de minimis aid it received over 3 years."""

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, application=application, **kwargs)
        self.groups = []
        for participation in application.accepted_participations():
            share, minimis = f"share_{participation.pk}", f"minimis_{participation.pk}"
            self.fields[share] = PercentField(
                label=f"Part de la subvention pour {participation.organisation.name} (%)", required=False
            )
            self.fields[minimis] = EurosField(
                label=f"Aides de minimis reçues sur 3 ans par {participation.organisation.name} (€)",
                required=False,
            )
            self.groups.append((participation, [self[share], self[minimis]]))

    def grouped_fields(self):
        return self.groups


SECTION_FORMS = {
    "identite": IdentityForm,
    "territoire": TerritoryForm,
    "publics": PublicsForm,
    "pedagogie": PedagogyForm,
    "mutualisation": PoolingForm,
    "espaces": SpacesForm,
    "calendrier": ScheduleForm,
    "criteres": CriteriaForm,
    "repartition": MoneyForm,
}
