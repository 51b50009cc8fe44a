from django.contrib import admin

from deffinov.committee.models import AgendaItem, CommitteeMember, CommitteeSession, Decision, DecisionLetter


class MemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    raw_id_fields = ["user"]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["application"]


@admin.register(CommitteeSession)
class CommitteeSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "wave"]
    list_select_related = ["wave"]
    inlines = [MemberInline, AgendaInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Read only: a decision is recorded from the committee's pages, with the dossier's change of state."""

    list_display = ["application", "outcome", "amount_granted", "decided_at", "decided_by"]
    list_filter = ["outcome"]
    list_select_related = ["application", "decided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DecisionLetter)
class DecisionLetterAdmin(admin.ModelAdmin):
    list_display = ["decision", "created_at"]
    readonly_fields = ["decision", "file", "sha256", "sent_to", "created_at"]

    def has_add_permission(self, request):
        return False
