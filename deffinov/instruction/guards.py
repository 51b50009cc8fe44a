"""Guards and writes of the instruction's transitions, declared in `deffinov.applications.workflow.TRANSITIONS`.

Nothing here imports the workflow: the workflow imports this module.
"""

from django.db.models import F

from deffinov import formatting as fmt
from deffinov.applications.facts import correction_due_at
from deffinov.applications.guards import TransitionError, require_eligible
from deffinov.applications.snapshot import build_snapshot


def guard_none(application, at):
    return {}


def guard_resubmit(application, at):
    """The guard of a first submission, the correction's due date standing for the wave's closing."""
    due_at = correction_due_at(application)
    if due_at is None:
        raise TransitionError("Aucune demande de correction n'attend de réponse sur ce dossier.")
    if at > due_at:
        raise TransitionError(
            f"La date limite de renvoi fixée par la Région, le {fmt.datetime(due_at)}, est dépassée : "
            "le dossier corrigé ne peut plus être renvoyé. Vos corrections sont conservées ; "
            "écrivez à la Région depuis les échanges du dossier."
        )
    fresh, verdict = require_eligible(
        application, at, "Le dossier ne peut pas être renvoyé : des règles de l'appel ne sont pas respectées."
    )
    return {"fresh": fresh, "verdict": verdict}


def write_resubmit(application, by, at, fresh, verdict):
    """A new frozen dossier and its verdict; the date of the first submission and its sworn statement are kept, the
    date of this one added."""
    snapshot = build_snapshot(fresh, at)
    previous = application.snapshot or {}
    for kept in ("submitted_at", "sworn_statement"):
        if previous.get(kept):
            snapshot[kept] = previous[kept]
    snapshot["resubmitted_at"] = at.isoformat()
    return {"snapshot": snapshot, "eligibility_at_submission": verdict.as_dict(), "version": F("version") + 1}
