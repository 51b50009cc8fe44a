"""The instruction's changes of state, run through the one table of `deffinov.applications.workflow`.

Each one leaves an `ApplicationTransition` row and an audit event (the workflow writes both).
A change not allowed from the current state, or lost to someone acting at the same moment, raises
`TransitionError` with a French message and changes nothing.
"""

from django.db import transaction
from django.utils import timezone

from deffinov.applications import workflow
from deffinov.applications.models import State
from deffinov.applications.workflow import TransitionError
from deffinov.instruction.changes import snapshot_changes
from deffinov.instruction.models import CorrectionRequest

# The transitions this app offers on its pages, in the order of the buttons.
STAFF_TRANSITIONS = ("start_review", "request_correction", "dismiss", "reopen")
NEEDS_MOTIVATION = {"request_correction", "dismiss", "reopen"}


def transition_name(name, application):
    """« reopen » is one button for three rows of the table, one per decided state."""
    return f"reopen_{application.state}" if name == "reopen" else name


def state_label(state):
    return State(state).label


def not_possible(application, spec):
    return (
        f"L'action « {spec.label} » n'est pas possible : le dossier est « {state_label(application.state)} ». "
        "Rien n'a été modifié."
    )


def perform(application, name, by, motivation="", at=None):
    """Run transition `name` of the workflow on `application`; raise TransitionError when it cannot happen."""
    name = transition_name(name, application)
    spec = workflow.TRANSITIONS.get(name)
    if spec is None:
        raise TransitionError(
            f"Cette action n'est pas possible : le dossier est « {state_label(application.state)} ». "
            "Rien n'a été modifié."
        )
    if application.state != spec.source:
        raise TransitionError(not_possible(application, spec))
    if ("reopen" if name.startswith("reopen_") else name) in NEEDS_MOTIVATION and not motivation.strip():
        raise TransitionError("Indiquez le motif de cette décision.")
    at = at or timezone.now()
    with transaction.atomic():
        if not workflow.apply(application, name, by, at=at, motivation=motivation):
            application.refresh_from_db(fields=["state"])
            raise TransitionError(
                "Quelqu'un vient de modifier ce dossier en même temps que vous : il est maintenant "
                f"« {state_label(application.state)} ». Rien n'a été modifié de votre côté."
            )
    return application


def start_review(application, by):
    return perform(application, "start_review", by)


def request_correction(application, by, reason, details, due_on):
    """Send the dossier back to the consortium, which may edit it again until it resubmits."""
    reason_label = CorrectionRequest.Reason(reason).label
    motivation = f"{reason_label} : {details}"
    with transaction.atomic():
        perform(application, "request_correction", by, motivation=motivation)
        correction = CorrectionRequest.objects.create(
            application=application, reason=reason, details=details, due_on=due_on, requested_by=by
        )
    from deffinov.instruction.notifications import notify_correction_requested

    notify_correction_requested(correction)
    return correction


def resubmit(application, by):
    """The lead's administrator sends the corrected dossier back: frozen again, with what changed."""
    previous = application.snapshot
    with transaction.atomic():
        correction = application.correction_requests.select_for_update().filter(resubmitted_at__isnull=True).first()
        perform(application, "resubmit", by, motivation="Dossier corrigé renvoyé par le chef de file.")
        if correction is not None:
            correction.resubmitted_at = timezone.now()
            correction.resubmitted_by = by
            correction.previous_snapshot = previous
            correction.changes = snapshot_changes(previous or {}, application.snapshot or {})
            correction.save(update_fields=["resubmitted_at", "resubmitted_by", "previous_snapshot", "changes"])
        # Stored with the resubmission, or not at all: a new receipt for every member, a word to the instructors.
        from deffinov.applications.receipts import send_receipts
        from deffinov.instruction.notifications import notify_resubmitted

        send_receipts.enqueue(application.pk)
        if correction is not None:
            notify_resubmitted(correction)
    return correction


def dismiss(application, by, motivation):
    return perform(application, "dismiss", by, motivation=motivation)


def reopen(application, by, motivation):
    return perform(application, "reopen", by, motivation=motivation)


def available(application, user):
    """The instruction buttons `user` may press on this dossier now."""
    names = []
    for name in STAFF_TRANSITIONS:
        spec = workflow.TRANSITIONS.get(transition_name(name, application))
        if spec is not None and spec.source == application.state and user.has_perm(spec.permission, application):
            names.append(name)
    return names
