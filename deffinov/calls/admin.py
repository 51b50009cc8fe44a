"""Region staff configure each call here: every rule, criterion, wave, event and document is data."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils import timezone

from deffinov import formatting
from deffinov.applications.admin_questions import ExtraQuestionInline
from deffinov.applications.documents import check_upload
from deffinov.applications.models import Document, ExpenseLine
from deffinov.calls.enforcement import (
    CALL_SETTING_NOTES,
    CALL_SETTING_RULES,
    CRITERION_SETTING_RULES,
    WAVE_SETTING_RULES,
    with_rule,
)
from deffinov.calls.forms import RATE_HELP, PercentRateField
from deffinov.calls.models import BudgetCategory, Call, DocumentRequirement, Event, Resource, TiersLieuCriterion, Wave

# Addresses typed without a scheme are read as https.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class ShowsRuleCodes:
    """Beside each setting, the eligibility rule code that enforces it."""

    setting_rules = {}
    setting_notes = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.help_text = with_rule(field.help_text, db_field.name, self.setting_rules, self.setting_notes)
        return field


class TiersLieuCriterionInline(ShowsRuleCodes, admin.TabularInline):
    setting_rules = CRITERION_SETTING_RULES
    model = TiersLieuCriterion
    extra = 0
    fields = ["position", "code", "label", "help_text"]


class WaveInline(ShowsRuleCodes, admin.StackedInline):
    setting_rules = WAVE_SETTING_RULES
    model = Wave
    extra = 0
    fields = [
        ("number", "title", "slug"),
        ("opens_at", "closes_at"),
        ("envelope", "envelope_note"),
        "projects_end_on",
        ("committee_on", "committee_note", "laureates_count"),
        "is_demo",
    ]
    prepopulated_fields = {"slug": ["title"]}


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    formfield_overrides = HTTPS_URLS
    fields = ["happens_on", "kind", "title", "description", "replay_url"]


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 0
    formfield_overrides = HTTPS_URLS
    fields = ["position", "kind", "title", "url", "file_format", "description"]


class GuardsUsedCodes(forms.BaseInlineFormSet):
    """A code the call's dossiers use can neither change nor go: the line is deactivated instead."""

    noun = ""
    active_label = ""

    def uses(self, code):
        """How many dossiers of the call use `code`."""
        raise NotImplementedError

    def clean(self):
        super().clean()
        kept = []  # A deleted form's own errors are ignored: the refusal belongs to the formset.
        for form in self.initial_forms:
            code = form.initial.get("code")
            if not code or not self.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                if count := self.uses(code):
                    kept.append(
                        f"{self.noun} « {form.initial.get('label', code)} » sert à {count} dossier(s) : elle ne peut "
                        f"pas être supprimée. Décochez « {self.active_label} » pour ne plus l'offrir."
                    )
            elif "code" in form.changed_data and (count := self.uses(code)):
                form.add_error("code", f"Le code « {code} » sert à {count} dossier(s) : il ne peut plus changer.")
        if kept:
            raise ValidationError(kept)


class BudgetCategoryFormSet(GuardsUsedCodes):
    noun = "La catégorie"
    active_label = "proposée"

    def uses(self, code):
        return (
            ExpenseLine.objects.filter(application__wave__call=self.instance, category=code)
            .values("application")
            .distinct()
            .count()
        )


class DocumentRequirementFormSet(GuardsUsedCodes):
    noun = "La pièce"
    active_label = "demandée"

    def uses(self, code):
        return (
            Document.objects.filter(application__wave__call=self.instance, kind=code)
            .values("application")
            .distinct()
            .count()
        )


class DocumentRequirementForm(forms.ModelForm):
    def clean_template(self):
        """A template is checked like any upload: its content decides its type, its name is made safe."""
        template = self.cleaned_data.get("template")
        if isinstance(template, UploadedFile):
            _content_type, _sha256, template.name = check_upload(template)
        return template


class BudgetCategoryInline(admin.TabularInline):
    model = BudgetCategory
    formset = BudgetCategoryFormSet
    extra = 0
    fields = ["position", "code", "label", "help_text", "is_communication", "is_active"]
    verbose_name_plural = (
        "catégories de dépense (un code utilisé par un dossier ne change plus ; décochez « proposée » plutôt que de "
        "supprimer)"
    )


class DocumentRequirementInline(admin.StackedInline):
    model = DocumentRequirement
    form = DocumentRequirementForm
    formset = DocumentRequirementFormSet
    extra = 0
    fields = [
        ("position", "code", "label"),
        "help_text",
        ("provider", "organisation_kind"),
        ("is_required", "is_active"),
        "template",
    ]
    verbose_name_plural = (
        "pièces demandées (un code utilisé par une pièce déposée ne change plus ; décochez « demandée » plutôt "
        "que de supprimer)"
    )


@admin.register(Call)
class CallAdmin(ShowsRuleCodes, admin.ModelAdmin):
    setting_rules = CALL_SETTING_RULES
    setting_notes = CALL_SETTING_NOTES
    list_display = ["short_title", "slug", "is_published", "wave_count"]
    list_filter = ["is_published"]
    search_fields = ["title", "short_title", "slug"]
    prepopulated_fields = {"slug": ["short_title"]}
    filter_horizontal = ["eligible_departments"]
    inlines = [
        TiersLieuCriterionInline,
        WaveInline,
        EventInline,
        ResourceInline,
        BudgetCategoryInline,
        DocumentRequirementInline,
        ExtraQuestionInline,
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in RATE_HELP:
            # Rates are typed as percentages (« 30 »), never as fractions (« 0,30 »).
            kwargs.update(form_class=PercentRateField, help_text=RATE_HELP[db_field.name])
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    fieldsets = [
        (
            "Présentation",
            {
                "fields": [
                    "title",
                    "short_title",
                    "slug",
                    "funder",
                    "is_published",
                    "summary",
                    "objectives",
                    "who_may_apply",
                ]
            },
        ),
        (
            "Composition du collectif",
            {
                "fields": [
                    "min_tiers_lieu_members",
                    "min_training_members",
                    "min_distinct_members",
                    "seniority_months",
                ],
                "description": "Chaque membre compté est une structure distincte (SIREN différent).",
            },
        ),
        (
            "Financement",
            {
                "fields": [
                    ("grant_min", "grant_max"),
                    ("cofinancing_floor", "cofinancing_floor_exception"),
                    "communication_cap_rate",
                    "de_minimis_ceiling",
                ],
                "description": "Les taux s'écrivent en pourcentage : 30 signifie 30 % du budget éligible.",
            },
        ),
        (
            "Durée et territoire",
            {
                "fields": [
                    ("duration_min_months", "duration_max_months"),
                    "programme_ends_on",
                    "project_start",
                    "eligible_departments",
                ],
                "description": "Chaque vague doit laisser à un projet de la durée minimale, commencé le lendemain "
                "de sa clôture, le temps de s'achever avant la fin du programme (ou la fin des projets de la vague).",
            },
        ),
        (
            "Lettres de décision",
            {
                "fields": ["signatory_name", "signatory_title", "signatory_image"],
                "description": "Les lettres de décision sont signées au nom et en la qualité indiqués ici.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("waves")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # A new call starts with the usual budget categories and documents, unless some were typed.
            form.instance.add_default_form()

    @admin.display(description="vagues")
    def wave_count(self, call):
        return len(call.waves.all())


@admin.register(Wave)
class WaveAdmin(ShowsRuleCodes, admin.ModelAdmin):
    setting_rules = WAVE_SETTING_RULES
    list_display = ["title", "call", "number", "opening", "closing", "status_badge", "envelope_display", "is_demo"]
    list_filter = ["call", "is_demo"]
    list_select_related = ["call"]
    search_fields = ["title", "slug"]
    ordering = ["call", "opens_at"]
    prepopulated_fields = {"slug": ["title"]}
    fields = [
        "call",
        ("number", "title", "slug"),
        ("opens_at", "closes_at"),
        ("envelope", "envelope_note"),
        "projects_end_on",
        ("committee_on", "committee_note", "laureates_count"),
        "is_demo",
    ]

    @admin.display(description="ouverture (Paris)", ordering="opens_at")
    def opening(self, wave):
        return formatting.datetime(wave.opens_at)

    @admin.display(description="clôture (Paris)", ordering="closes_at")
    def closing(self, wave):
        return formatting.datetime(wave.closes_at)

    @admin.display(description="état")
    def status_badge(self, wave):
        return Wave.Status(wave.status(timezone.now())).label

    @admin.display(description="enveloppe", ordering="envelope")
    def envelope_display(self, wave):
        return formatting.euros(wave.envelope)
