from django.contrib import admin

from deffinov.grants.models import FundedProject, ProjectTransition


class ProjectTransitionInline(admin.TabularInline):
    model = ProjectTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_state", "to_state", "by", "at", "motivation"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FundedProject)
class FundedProjectAdmin(admin.ModelAdmin):
    """Read-only: a funded project moves through its workflow, never by hand."""

    list_display = ["__str__", "state", "amount_granted", "starts_on", "ends_on", "convention_date"]
    list_filter = ["state", "application__wave"]
    search_fields = ["application__number", "application__title"]
    inlines = [ProjectTransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
