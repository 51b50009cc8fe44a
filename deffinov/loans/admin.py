from django.contrib import admin

from deffinov.loans.models import Item, Loan, LoanTransition


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organisation", "audience", "available"]
    list_filter = ["kind", "audience", "available"]
    search_fields = ["name", "organisation__name"]
    raw_id_fields = ["organisation", "pickup_place"]


class LoanTransitionInline(admin.TabularInline):
    model = LoanTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_state", "to_state", "by", "at", "motivation"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = ["item", "borrower", "starts_on", "ends_on", "state"]
    list_filter = ["state"]
    search_fields = ["item__name", "borrower__name"]
    # States move through the workflow only (`deffinov.loans.workflow`): never edited here.
    readonly_fields = ["state"]
    raw_id_fields = ["item", "borrower", "requested_by"]
    inlines = [LoanTransitionInline]
