from django.contrib import admin

from deffinov.payments.models import Tranche


@admin.register(Tranche)
class TrancheAdmin(admin.ModelAdmin):
    """Read-only: tranches move through their workflow, never by hand."""

    list_display = ["__str__", "amount", "percentage", "condition", "state"]
    list_filter = ["state", "condition"]
    search_fields = ["project__application__number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
