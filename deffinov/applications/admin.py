from django.contrib import admin

from deffinov.applications.models import (
    Application,
    ApplicationTransition,
    Document,
    ExpenseLine,
    Participation,
    PartnerInvitation,
    Receipt,
    ResourceLine,
)


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    raw_id_fields = ["organisation", "invited_by"]

    # The consortium changes only in a draft, as on the dossier's own pages.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or obj.is_draft)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_draft)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_draft)


class TransitionInline(admin.TabularInline):
    model = ApplicationTransition
    extra = 0
    readonly_fields = ["from_state", "to_state", "by", "at", "motivation"]
    can_delete = False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "wave", "state", "submitted_at"]
    list_filter = ["state", "wave"]
    search_fields = ["number", "title"]
    # The state moves only through the workflow (its guards, its lock, its log): never typed in here.
    readonly_fields = [
        "number",
        "state",
        "version",
        "snapshot",
        "eligibility_at_submission",
        "submitted_at",
        "submitted_by",
    ]
    raw_id_fields = ["communes", "epci", "created_by", "updated_by"]
    inlines = [ParticipationInline, TransitionInline]

    def has_change_permission(self, request, obj=None):
        """A submitted dossier is frozen: read only, here as everywhere."""
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_draft)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lines and pieces of a dossier are written by its consortium on the dossier's pages, under its lock."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "application", "participation", "kind", "size", "uploaded_at"]
    readonly_fields = ["sha256", "content_type", "size"]
    raw_id_fields = ["application", "participation", "uploaded_by"]


admin.site.register(PartnerInvitation)
admin.site.register(Receipt, ReadOnlyAdmin)
admin.site.register(ExpenseLine, ReadOnlyAdmin)
admin.site.register(ResourceLine, ReadOnlyAdmin)
