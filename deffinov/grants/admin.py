from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join

from deffinov.accounts.roles import is_functional_admin
from deffinov.grants import convention
from deffinov.grants.models import Amendment, ConventionDocument, ConventionTemplate, FundedProject, ProjectTransition


class ProjectTransitionInline(admin.TabularInline):
    model = ProjectTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_state", "to_state", "by", "at", "motivation"]

    def has_add_permission(self, request, obj=None):
        return False


class ConventionDocumentInline(admin.TabularInline):
    model = ConventionDocument
    extra = 0
    can_delete = False
    readonly_fields = ["version", "at", "by", "sha256"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


class AmendmentInline(admin.TabularInline):
    model = Amendment
    extra = 0
    can_delete = False
    readonly_fields = ["number", "signed_on", "motivation", "old_amount", "new_amount", "old_ends_on", "new_ends_on"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FundedProject)
class FundedProjectAdmin(admin.ModelAdmin):
    """Read-only: a funded project moves through its workflow, never by hand."""

    list_display = ["__str__", "state", "amount_granted", "starts_on", "ends_on", "convention_date"]
    list_filter = ["state", "application__wave"]
    search_fields = ["application__number", "application__title"]
    inlines = [ProjectTransitionInline, ConventionDocumentInline, AmendmentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ConventionTemplateForm(forms.ModelForm):
    class Meta:
        model = ConventionTemplate
        fields = ["call", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 30, "cols": 100})}

    def clean_body(self):
        body = self.cleaned_data["body"]
        try:
            convention.check_body(body)
        except convention.TemplateError as error:
            raise forms.ValidationError(error.messages) from error
        return body


@admin.register(ConventionTemplate)
class ConventionTemplateAdmin(admin.ModelAdmin):
    """Edited by functional administrators: the text of each call's convention, its merge tags, a preview."""

    form = ConventionTemplateForm
    list_display = ["__str__", "updated_at"]
    readonly_fields = ["available_tags", "preview"]
    fields = ["call", "body", "available_tags", "preview"]

    def _allowed(self, request):
        return request.user.is_superuser or is_functional_admin(request.user)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "call"] if obj else self.readonly_fields

    @admin.display(description="Balises disponibles")
    def available_tags(self, obj):
        rows = format_html_join(
            "", "<li><code>{{{{ {} }}}}</code> : {}</li>", ((tag, text) for tag, text in convention.TAGS.items())
        )
        return format_html("<ul>{}</ul>", rows)

    @admin.display(description="Aperçu (avec le dernier projet de l'appel, ou des valeurs d'exemple)")
    def preview(self, obj):
        if obj is None or obj.pk is None:
            return "Enregistrez le modèle pour en voir l'aperçu."
        try:
            return format_html('<div class="convention-preview">{}</div>', convention.preview(obj))
        except convention.TemplateError as error:
            return format_html("Le modèle contient une erreur : {}", " ".join(error.messages))
