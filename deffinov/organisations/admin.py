from django.contrib import admin
from django.db import models

from deffinov.organisations.models import Claim, Invitation, Membership, Organisation


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
    list_filter = ["qualiopi", "legal_form", "identity_source"]
    raw_id_fields = ["commune"]
    readonly_fields = ["siren", "identity_source", "identity_checked_at", "created_at", "updated_at"]
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


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """Read only: claims are decided on the site, where each decision is audited."""

    list_display = ["organisation", "claimant", "state", "created_at", "decided_at", "decided_by_region"]
    list_select_related = ["organisation", "claimant"]
    search_fields = ["organisation__name", "organisation__siret", "claimant__email"]
    list_filter = ["state", "decided_by_region"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
