from django.contrib import admin

from deffinov.committee.models import (
    AgendaItem,
    CommitteeMember,
    CommitteeSession,
    Decision,
    DecisionLetter,
    SessionTransition,
)


class MemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    raw_id_fields = ["user"]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["application"]


class TransitionInline(admin.TabularInline):
    """Read only: the session moves through its workflow (deffinov.committee.workflow), from its page."""

    model = SessionTransition
    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "from_state", "to_state", "by", "motivation"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CommitteeSession)
class CommitteeSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "wave", "state", "deliberation_reference"]
    list_filter = ["state"]
    list_select_related = ["wave"]
    # The state and the deliberation change only through the workflow (guards, audit, letters), never here.
    readonly_fields = ["state", "deliberation_reference", "deliberation_date", "validated_at", "validated_by"]
    inlines = [MemberInline, AgendaInline, TransitionInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Read only: a decision is recorded from the committee's pages, with the dossier's change of state."""

    list_display = ["application", "session", "outcome", "amount_granted", "decided_at", "decided_by"]
    list_filter = ["outcome", "session__state"]
    list_select_related = ["application", "decided_by", "session"]

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
