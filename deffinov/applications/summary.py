"""A dossier read whole, as one dictionary: the frozen dossier once submitted, the dossier as it stands otherwise.

The read-only summary page, the recap before submitting, the applicants' dossier PDF and the receipt all read
this shape (the one `deffinov.applications.snapshot.build_snapshot` writes), so that they never disagree.
"""

from django.utils import timezone

from deffinov.applications.snapshot import build_snapshot


def live_summary(application):
    """The dossier as it stands now (`application` read with `facts.with_dossier`)."""
    summary = build_snapshot(application, timezone.now())
    summary["submitted_at"] = None
    return summary


def summary_for(application):
    """What was submitted, when the dossier can no longer be edited; the dossier as it stands otherwise."""
    if application.snapshot and not application.is_editable:
        return application.snapshot
    return live_summary(application)
