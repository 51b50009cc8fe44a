from django.contrib import admin

from deffinov.audit.models import AuditDigest, AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: administrators browse the trail, nobody edits it."""

    list_display = ["sequence", "at", "actor_label", "action", "summary"]
    list_filter = ["action"]
    search_fields = ["summary", "actor_label", "object_id"]
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(AuditDigest)
class AuditDigestAdmin(AuditEventAdmin):
    """Read-only too: the signed digests that anchor the trail (made by `manage.py sign_audit_trail`)."""

    list_display = ["sequence", "at", "event_count", "head_sequence", "key_fingerprint"]
    list_filter = []
    search_fields = ["signature", "head_hash"]
    readonly_fields = [field.name for field in AuditDigest._meta.fields]
