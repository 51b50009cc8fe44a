from django.contrib import admin
from django.db import models

from deffinov.organisations.models import Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "siret", "kinds_display", "commune"]
    list_select_related = ["commune"]
    search_fields = ["name", "siret", "siren"]
    list_filter = ["qualiopi", "legal_form"]
    raw_id_fields = ["commune"]
    readonly_fields = ["siren", "created_at", "updated_at"]
    inlines = [MembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="types")
    def kinds_display(self, obj):
        return ", ".join(obj.get_kinds_display())


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["organisation"]
    search_fields = ["email", "organisation__name", "organisation__siret"]
    list_filter = ["role"]
    raw_id_fields = ["organisation", "invited_by", "accepted_by"]
    readonly_fields = ["token", "created_at", "accepted_at", "accepted_by"]
