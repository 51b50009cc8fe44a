"""The states of a dossier and the transitions between them, declared in one table.

Each transition names who may trigger it (a django-rules permission on the dossier), its guard
(raises `TransitionError` with a French message) and what it writes. Every transition that happens
leaves an `ApplicationTransition` row and an event in the audit trail. The change itself is a
conditional UPDATE on the current state, so two concurrent requests can never both move the same dossier.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from deffinov import formatting
from deffinov.applications import editing
from deffinov.applications.guards import TransitionError, require_eligible
from deffinov.applications.models import Application, ApplicationTransition, State
from deffinov.audit.models import record
from deffinov.instruction import guards as ig


def guard_submit(application, at):
    wave = application.wave
    if not wave.is_open(at):
        if at < wave.opens_at:
            raise TransitionError(
                f"La vague « {wave.title} » n'est pas encore ouverte : dépôt possible à partir du "
                f"{formatting.datetime(wave.opens_at)}."
            )
        raise TransitionError(
            f"La vague « {wave.title} » est close depuis le {formatting.datetime(wave.closes_at)} : "
            "le dossier ne peut plus être déposé. Votre brouillon est conservé."
        )
    fresh, verdict = require_eligible(
        application, at, "Le dossier ne peut pas être déposé : des règles de l'appel ne sont pas respectées."
    )
    return {"fresh": fresh, "verdict": verdict}


def write_submit(application, by, at, fresh, verdict, sworn=False):
    """The frozen dossier, with the attestation sur l'honneur when the signer gave it (recorded word for word)."""
    from deffinov.applications.snapshot import build_snapshot
    from deffinov.applications.statement import record_statement

    snapshot = build_snapshot(fresh, at)
    snapshot["sworn_statement"] = record_statement(fresh, by, at).as_dict() if sworn else None
    return {
        "submitted_at": at,
        "submitted_by": by,
        "snapshot": snapshot,
        "eligibility_at_submission": verdict.as_dict(),
        "version": F("version") + 1,
    }


def after_submit(application):
    from deffinov.applications.receipts import send_receipts

    send_receipts.enqueue(application.pk)


def guard_withdraw(application, at):
    return {}


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    label: str
    permission: str
    guard: Callable
    write: Callable | None = None
    after: Callable | None = None


TRANSITIONS = {
    "submit": Transition(
        "submit",
        State.DRAFT,
        State.SUBMITTED,
        "Déposer le dossier",
        "applications.submit_application",
        guard_submit,
        write_submit,
        after_submit,
    ),
    "withdraw": Transition(
        "withdraw",
        State.SUBMITTED,
        State.WITHDRAWN,
        "Retirer le dossier",
        "applications.withdraw_application",
        guard_withdraw,
    ),
    # Instruction by the Region (guards in deffinov.instruction.guards; run through deffinov.instruction.transitions).
    "start_review": Transition(
        "start_review",
        State.SUBMITTED,
        State.IN_REVIEW,
        "Commencer l'instruction",
        "instruction.start_review",
        ig.guard_none,
    ),
    "request_correction": Transition(
        "request_correction",
        State.IN_REVIEW,
        State.CORRECTION_REQUESTED,
        "Demander une correction",
        "instruction.request_correction",
        ig.guard_none,
    ),
    "resubmit": Transition(
        "resubmit",
        State.CORRECTION_REQUESTED,
        State.IN_REVIEW,
        "Renvoyer le dossier corrigé",
        "instruction.resubmit",
        ig.guard_resubmit,
        ig.write_resubmit,
    ),
    "dismiss": Transition(
        "dismiss", State.IN_REVIEW, State.DISMISSED, "Classer sans suite", "instruction.dismiss", ig.guard_none
    ),
    # Decisions of the selection committee, made final when a session's decisions are validated with the
    # deliberation (deffinov.committee.workflow).
    "accept": Transition(
        "accept", State.IN_REVIEW, State.ACCEPTED, "Accepter le dossier", "committee.decide", ig.guard_none
    ),
    "reject": Transition(
        "reject", State.IN_REVIEW, State.REJECTED, "Refuser le dossier", "committee.decide", ig.guard_none
    ),
    "committee_dismiss": Transition(
        "committee_dismiss",
        State.IN_REVIEW,
        State.DISMISSED,
        "Classer sans suite (décision du comité)",
        "committee.decide",
        ig.guard_none,
    ),
    **{
        f"reopen_{source}": Transition(
            f"reopen_{source}", source, State.IN_REVIEW, "Rouvrir l'instruction", "instruction.reopen", ig.guard_none
        )
        for source in (State.ACCEPTED, State.REJECTED, State.DISMISSED)
    },
}
ALREADY = {
    State.SUBMITTED: "Ce dossier a déjà été déposé.",
    State.WITHDRAWN: "Ce dossier a été retiré.",
}


def allowed_targets(state):
    return {t.target for t in TRANSITIONS.values() if t.source == state}


def apply(application, name, by, at=None, motivation="", **payload):
    """Run a transition; True when this call made it happen, False when another request already had.

    `payload` goes to the transition's write (the attestation of a submission). Raises TransitionError when
    the person may not trigger it or its guard refuses."""
    spec = TRANSITIONS[name]
    at = at or timezone.now()
    if not by.has_perm(spec.permission, application):
        raise TransitionError("Vous n'avez pas le droit de faire cette action sur ce dossier.")
    if application.state != spec.source:
        raise TransitionError(ALREADY.get(application.state, "Cette action n'est pas possible dans l'état du dossier."))
    with transaction.atomic():
        # The lock every write to the dossier takes (`editing`): none lands between the guard's read and the freeze.
        if editing.lock(application).state != spec.source:
            return False
        context = spec.guard(application, at)
        updates = spec.write(application, by, at, **context, **payload) if spec.write else {}
        changed = Application.objects.filter(pk=application.pk, state=spec.source).update(state=spec.target, **updates)
        if changed != 1:
            transaction.set_rollback(True)  # nothing the write recorded survives a transition that did not happen
            return False
        ApplicationTransition.objects.create(
            application=application, from_state=spec.source, to_state=spec.target, by=by, at=at, motivation=motivation
        )
        record(
            f"application.{spec.name}",
            actor=by,
            target=application,
            summary=f"{application.number} : {State(spec.source).label} → {State(spec.target).label} ({spec.label})",
            data={"number": application.number, "from": spec.source, "to": spec.target, "motivation": motivation},
        )
        if spec.after:
            spec.after(application)
    application.refresh_from_db()
    return True


def submit(application, by, at=None, sworn=False):
    """Submit the dossier; `sworn` when the signer gave the attestation sur l'honneur (the page requires it)."""
    return apply(application, "submit", by, at, sworn=sworn)


def withdraw(application, by, motivation="", at=None):
    return apply(application, "withdraw", by, at, motivation)
