"""Guards and writes of the instruction's transitions, declared in `deffinov.applications.workflow.TRANSITIONS`.

Nothing here imports the workflow at module level: the workflow imports this module.
"""

from django.db.models import F


def guard_none(application, at):
    return {}


def guard_resubmit(application, at):
    """Read the corrected dossier whole, to freeze it again."""
    from deffinov.applications.facts import with_dossier
    from deffinov.applications.models import Application

    return {"fresh": with_dossier(Application.objects.filter(pk=application.pk)).get()}


def write_resubmit(application, by, at, fresh):
    """A new frozen dossier; the date of the first submission is kept, the date of this one added."""
    from deffinov.applications.snapshot import build_snapshot

    snapshot = build_snapshot(fresh, at)
    if application.snapshot and application.snapshot.get("submitted_at"):
        snapshot["submitted_at"] = application.snapshot["submitted_at"]
    snapshot["resubmitted_at"] = at.isoformat()
    return {"snapshot": snapshot, "version": F("version") + 1}
