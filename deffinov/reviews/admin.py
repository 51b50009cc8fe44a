"""Region staff configure each call's scoring grid here, and may look at reviews and expert invitations."""

from django.contrib import admin

from deffinov.reviews.models import ExpertInvitation, Review, Score, ScoringCriterion


@admin.register(ScoringCriterion)
class ScoringCriterionAdmin(admin.ModelAdmin):
    list_display = ["label", "call", "weight", "position"]
    list_filter = ["call"]
    list_editable = ["weight", "position"]
    ordering = ["call", "position"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["application", "reviewer", "is_expert", "updated_at"]
    list_select_related = ["application", "reviewer"]
    inlines = [ScoreInline]
    raw_id_fields = ["application", "reviewer"]


@admin.register(ExpertInvitation)
class ExpertInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "application", "status", "deadline", "confidential"]
    list_filter = ["status", "confidential"]
    list_select_related = ["application"]
    raw_id_fields = ["application", "user", "invited_by"]
    readonly_fields = ["token"]
