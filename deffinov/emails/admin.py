from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from deffinov.emails.models import Email


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    """Stored emails, for support: read only."""

    list_display = ["subject", "recipients", "created_at", "sent_at", "attempts"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["to", "cc", "bcc", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Email._meta.fields]

    @admin.display(description=_("destinataires"))
    def recipients(self, email):
        return ", ".join(email.to)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
