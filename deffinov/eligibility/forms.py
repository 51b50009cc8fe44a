"""The public simulator's form: a hypothetical consortium, turned into the engine's facts."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from deffinov.eligibility.engine import OTHER_DEPARTMENT
from deffinov.eligibility.facts import ApplicationFacts, BudgetFacts, MemberFacts, ProjectStart
from deffinov.formatting import percent
from deffinov.organisations.kinds import Kind

MEMBER_ROWS = 6
VISIBLE_ROWS = 2  # The other rows wait in a collapsed section.
DECLARED_WITHOUT_TEXT = "Déclaré dans le simulateur"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__({"min": "1900-01-01", "max": "2100-12-31", **(attrs or {})}, format="%Y-%m-%d")


# As the API: beyond this window a date is a typing mistake, and no rule can be computed with it.
DATE_BOUNDS = [
    MinValueValidator(dt.date(1900, 1, 1), _("Indiquez une date à partir du 1er janvier 1900.")),
    MaxValueValidator(dt.date(2100, 12, 31), _("Indiquez une date jusqu'au 31 décembre 2100.")),
]


def date_field(label, help_text=""):
    return forms.DateField(label=label, help_text=help_text, required=False, widget=DateInput, validators=DATE_BOUNDS)


START_HELP = {
    ProjectStart.SUBMISSION: _("Pas avant le dépôt du dossier."),
    ProjectStart.WAVE_OPENING: _("Pas avant l'ouverture de la vague."),
}


def amount_field(label, help_text=""):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=Decimal(1_000_000_000),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Nom de la structure"), required=False, max_length=255)
    siren = forms.CharField(
        label=_("SIREN"),
        required=False,
        help_text=_("9 chiffres, facultatif. Sans SIREN, chaque ligne compte pour une structure distincte."),
        validators=[RegexValidator(r"\A[0-9]{9}\Z", _("Le SIREN compte exactement 9 chiffres."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Type de structure"),
        required=False,
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    counted = forms.ChoiceField(
        label=_("Participation"),
        choices=[("oui", _("Membre compté")), ("non", _("Partenaire associé (non compté)"))],
        initial="oui",
        required=False,
        widget=forms.RadioSelect,
    )
    created_on = date_field(_("Date de création de la structure"))
    place_opened_on = date_field(
        _("Pour un tiers-lieu : date d'ouverture du lieu"),
        _("L'ancienneté d'un tiers-lieu compte depuis l'ouverture du lieu."),
    )

    def __init__(self, *args, criteria=(), number=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number
        self.call_criteria = list(criteria)
        self.fields["criteria"] = forms.MultipleChoiceField(
            label=_("Critères tiers-lieu déclarés"),
            required=False,
            choices=[(criterion.code, criterion.label) for criterion in self.call_criteria],
            widget=forms.CheckboxSelectMultiple,
        )
        for criterion in self.call_criteria:
            self.fields[f"justification_{criterion.code}"] = forms.CharField(
                label=_("Justification : %(criterion)s") % {"criterion": criterion.label},
                required=False,
                max_length=2000,
            )

    def criterion_rows(self):
        boxes = list(self["criteria"])
        return [
            (box, self[f"justification_{criterion.code}"])
            for box, criterion in zip(boxes, self.call_criteria, strict=True)
        ]

    def value(self, name):
        return self[name].value()

    def is_used(self):
        """Whether the visitor described a structure on this row (an empty row is ignored). On a valid form."""
        data = self.cleaned_data
        return any(data.get(name) for name in ("name", "siren", "kinds", "created_on", "place_opened_on", "criteria"))

    def has_input(self):
        """Whether anything was typed on this row (valid or not): its section then stays open."""
        return self.is_bound and any(
            self.value(name) for name in ("name", "siren", "kinds", "created_on", "place_opened_on", "criteria")
        )

    def shows_criteria(self):
        if not self.is_bound:
            return False
        kinds = self.value("kinds") or []
        return Kind.TIERS_LIEU in kinds or bool(self.value("criteria"))

    def to_facts(self, lead):
        data = self.cleaned_data
        declared = {}
        for criterion in self.call_criteria:
            justification = data.get(f"justification_{criterion.code}", "").strip()
            if criterion.code in data["criteria"] or justification:
                # In the simulator, a ticked criterion counts as declared.
                declared[criterion.code] = justification or DECLARED_WITHOUT_TEXT
        return MemberFacts(
            name=data["name"].strip() or str(_("Membre %(number)s") % {"number": self.number}),
            siren=data["siren"],
            kinds=frozenset(data["kinds"]),
            counted=data["counted"] != "non",
            lead=lead,
            created_on=data["created_on"],
            place_opened_on=data["place_opened_on"],
            tiers_lieu_criteria=declared,
        )


class SimulatorForm(forms.Form):
    wave = forms.ChoiceField(label=_("Vague"))
    lead = forms.ChoiceField(
        label=_("Chef de file"),
        required=False,
        choices=[(str(number), str(number)) for number in range(1, MEMBER_ROWS + 1)],
        widget=forms.RadioSelect,
    )
    departements = forms.MultipleChoiceField(
        label=_("Départements des lieux d'activité"), required=False, widget=forms.CheckboxSelectMultiple
    )
    expenses = amount_field(
        _("Total des dépenses éligibles (€)"),
        _("Valorisations comprises (temps de travail, locaux mis à disposition)."),
    )
    communication = amount_field(_("Dont dépenses de communication (€)"))
    requested_grant = amount_field(_("Subvention demandée à la Région (€)"))
    own_funds = amount_field(_("Autofinancement (€)"))
    other_public = amount_field(_("Autres financements publics (€)"))
    private = amount_field(_("Financements privés (€)"))
    in_kind = amount_field(_("Valorisations, apports en nature (€)"))
    start_on = date_field(_("Début du projet"))
    end_on = date_field(_("Fin du projet"))

    def __init__(self, *args, waves=(), departments=(), call=None, **kwargs):
        super().__init__(*args, **kwargs)
        if call is not None:
            self.fields["communication"].help_text = _(
                "Comprises dans le total des dépenses ; au plus %(rate)s des dépenses éligibles."
            ) % {"rate": percent(call.communication_cap_rate)}
            self.fields["start_on"].help_text = START_HELP.get(call.project_start, "")
        self.fields["wave"].choices = [(wave.slug, f"{wave.title} ({wave.get_status_display()})") for wave in waves]
        self.fields["departements"].choices = [(department.code, str(department)) for department in departments] + [
            (OTHER_DEPARTMENT, _("Autre département"))
        ]

    def budget_facts(self):
        data = self.cleaned_data
        return BudgetFacts(
            **{
                name: data[name] or Decimal(0)
                for name in (
                    "expenses",
                    "requested_grant",
                    "own_funds",
                    "other_public",
                    "private",
                    "in_kind",
                    "communication",
                )
            }
        )


def simulated_facts(form, member_forms):
    """The facts of a bound, valid simulator: the rows the visitor filled, with the lead they chose."""
    lead = form.cleaned_data["lead"]
    members = tuple(
        member_form.to_facts(lead=str(member_form.number) == lead)
        for member_form in member_forms
        if member_form.is_used()
    )
    return ApplicationFacts(
        members=members,
        departements=frozenset(form.cleaned_data["departements"]),
        budget=form.budget_facts(),
        start_on=form.cleaned_data["start_on"],
        end_on=form.cleaned_data["end_on"],
        check_documents=False,
    )


def empty_facts():
    return ApplicationFacts(members=(), departements=frozenset(), budget=BudgetFacts())
