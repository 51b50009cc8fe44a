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
    readonly_fields = ["number", "version", "snapshot", "eligibility_at_submission", "submitted_at", "submitted_by"]
    raw_id_fields = ["communes", "epci", "created_by", "updated_by"]
    inlines = [ParticipationInline, TransitionInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "application", "participation", "kind", "size", "uploaded_at"]
    readonly_fields = ["sha256", "content_type", "size"]
    raw_id_fields = ["application", "participation", "uploaded_by"]


admin.site.register(PartnerInvitation)
admin.site.register(Receipt)
admin.site.register(ExpenseLine)
admin.site.register(ResourceLine)
