from django.contrib import admin

from deffinov.matchmaking.models import Ad, Thread


@admin.register(Ad)
class AdAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "commune", "radius_km", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation", "commune", "created_by"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    """Who contacted whom and when; the messages themselves stay between the two structures."""

    list_display = ["ad", "organisation", "created_at", "answered_at"]
    raw_id_fields = ["ad", "organisation", "started_by"]
    readonly_fields = ["created_at", "answered_at", "last_message_at"]
