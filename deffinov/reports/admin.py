from django.contrib import admin

from deffinov.reports.models import Indicator, Report, ReportTransition, ReportVersion


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "unit", "kind", "position", "is_active"]
    readonly_fields = ["code", "kind", "breakdown"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "due_on", "state"]
    list_filter = ["kind", "state"]
    search_fields = ["project__application__number", "project__application__title"]
    readonly_fields = ["project", "kind", "state", "submitted_at", "accepted_at", "updated_at", "updated_by"]
    exclude = ["communes"]

    def has_add_permission(self, request):
        return False


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "submitted_at", "submitted_by"]
    readonly_fields = ["report", "number", "submitted_at", "submitted_by", "content", "attachments"]


@admin.register(ReportTransition)
class ReportTransitionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "by", "at"]
    readonly_fields = ["report", "from_state", "to_state", "by", "at", "motivation"]
