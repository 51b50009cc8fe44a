"""The states of a tranche and the moves between them, declared in one table.

    locked --unlock--> requestable --request--> requested --instruct--> requested --approve--> validated
                            ^                        |  (an instructor, then a finance officer: two people)
                            +-------send_back--------+
    validated --pay--> paid          validated --fail--> failed --repay--> paid
    validated --settle--> paid       (a balance of 0 €: nothing to pay)
    requestable, requested, validated, failed --cancel--> locked   (the convention is terminated)

- unlock: the tranche's condition is met (convention countersigned, report accepted); the lead is told.
- request: the lead's administrator asks for the tranche with a statement of expenses (`deffinov.payments.requests`).
- instruct: an instructor checks the statement (first level); approve: a finance officer, someone else (second).
- send_back: either level sends the request back to the lead with a motivation; the lead requests again.
- pay / repay: the finance officer records the commitment (« engagement ») and mandate (« mandat ») references and
  the date; fail: the payment failed, with its reason.

Each move leaves a `TrancheTransition` row and an audit event; the change is a conditional UPDATE on the current
state, so two requests (a double click) never both move a tranche.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from deffinov.applications.workflow import Transition
from deffinov.audit.models import record
from deffinov.formatting import PARIS, day
from deffinov.payments.models import PaymentRequest, Tranche, TrancheState, TrancheTransition

REFERENCE_MAX = 40
SYSTEM = ""  # a move that follows from another one already permitted: nobody asks for it
LIVE_PROJECT_STATES = ("signed", "running", "closing")


class PaymentError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def today(at):
    return at.astimezone(PARIS).date()


def live_request(tranche):
    return tranche.requests.exclude(status=PaymentRequest.Status.RETURNED).order_by("-submitted_at", "-pk").first()


def guard_none(tranche, by, at, **given):
    return {}


def write_unlock(tranche, by, at, **context):
    return {"unlocked_at": at}


def guard_request(tranche, by, at, **given):
    from deffinov.payments.requests import check_request

    return check_request(tranche, at, **given)


def write_request(tranche, by, at, **context):
    from deffinov.payments.requests import save_request

    save_request(tranche, by, at, **context)
    return {}


def guard_instruct(tranche, by, at, **given):
    request = live_request(tranche)
    if request is None or request.instructed_by_id:
        raise PaymentError("Cette demande a déjà été validée au titre de l'instruction.")
    return {"request": request}


def write_instruct(tranche, by, at, request):
    PaymentRequest.objects.filter(pk=request.pk, instructed_by__isnull=True).update(instructed_by=by, instructed_at=at)
    return {}


def guard_approve(tranche, by, at, **given):
    request = live_request(tranche)
    if request is None or not request.instructed_by_id:
        raise PaymentError(
            "Cette demande doit d'abord être validée par un instructeur : la validation financière vient ensuite."
        )
    if request.instructed_by_id == by.pk:
        raise PaymentError(
            "Vous avez validé cette demande au titre de l'instruction : la validation financière revient à une "
            "autre personne."
        )
    return {"request": request}


def write_approve(tranche, by, at, request):
    PaymentRequest.objects.filter(pk=request.pk).update(
        status=PaymentRequest.Status.APPROVED, approved_by=by, approved_at=at
    )
    return {}


def after_approve(tranche, by, at, request, **context):
    from deffinov.payments import effects

    effects.approved(tranche, by, at, request)


def guard_send_back(tranche, by, at, motivation="", **given):
    if not (motivation or "").strip():
        raise PaymentError("Indiquez au porteur ce qu'il doit corriger dans sa demande.", "motivation")
    request = live_request(tranche)
    if request is None:
        raise PaymentError("Cette tranche n'a pas de demande en cours.")
    return {"request": request, "motivation": motivation.strip()}


def write_send_back(tranche, by, at, request, motivation):
    PaymentRequest.objects.filter(pk=request.pk).update(
        status=PaymentRequest.Status.RETURNED, returned_by=by, returned_at=at, return_motivation=motivation
    )
    return {}


def after_unlock(tranche, by, at, **context):
    from deffinov.payments import notifications

    notifications.requestable(tranche)


def after_send_back(tranche, by, at, motivation="", **context):
    from deffinov.payments import notifications

    notifications.requestable(tranche, motivation)


def guard_pay(tranche, by, at, engagement="", mandate="", paid_on=None, **given):
    engagement, mandate = (engagement or "").strip(), (mandate or "").strip()
    if not engagement:
        raise PaymentError("Indiquez la référence de l'engagement.", "engagement")
    if not mandate:
        raise PaymentError("Indiquez la référence du mandat.", "mandate")
    for field, value in (("engagement", engagement), ("mandate", mandate)):
        if len(value) > REFERENCE_MAX:
            raise PaymentError(f"Une référence tient en {REFERENCE_MAX} caractères au plus.", field)
    if not isinstance(paid_on, dt.date):
        raise PaymentError("Indiquez la date du paiement.", "paid_on")
    if paid_on > today(at):
        raise PaymentError("La date du paiement ne peut pas être dans le futur.", "paid_on")
    request = live_request(tranche)
    submitted = today(request.submitted_at)
    if paid_on < submitted:
        raise PaymentError(f"Le paiement ne peut pas précéder la demande du {day(submitted)}.", "paid_on")
    return {"request": request, "engagement": engagement, "mandate": mandate, "paid_on": paid_on}


def write_pay(tranche, by, at, request, engagement, mandate, paid_on):
    PaymentRequest.objects.filter(pk=request.pk).update(
        engagement=engagement, mandate=mandate, paid_on=paid_on, failure_reason=""
    )
    return {"amount_paid": request.amount, "paid_on": paid_on}


def guard_settle(tranche, by, at, **given):
    request = live_request(tranche)
    if request is None or request.amount != 0:
        raise PaymentError("Seul un solde nul se règle sans paiement.")
    return {"request": request}


def write_settle(tranche, by, at, request):
    return {"amount_paid": 0, "paid_on": today(at)}


def after_paid(tranche, by, at, **context):
    from deffinov.payments import effects

    effects.paid(tranche, by, at)


def guard_fail(tranche, by, at, motivation="", **given):
    if not (motivation or "").strip():
        raise PaymentError("Indiquez pourquoi le paiement a échoué.", "motivation")
    return {"request": live_request(tranche), "motivation": motivation.strip()}


def write_fail(tranche, by, at, request, motivation):
    PaymentRequest.objects.filter(pk=request.pk).update(failure_reason=motivation)
    return {}


def after_fail(tranche, by, at, motivation, **context):
    from deffinov.payments import notifications

    notifications.failed(tranche, motivation)


def write_cancel(tranche, by, at, **context):
    PaymentRequest.objects.filter(tranche=tranche).exclude(status=PaymentRequest.Status.RETURNED).update(
        status=PaymentRequest.Status.RETURNED, returned_at=at, return_motivation="Convention résiliée."
    )
    return {}


CANCELLABLE = (TrancheState.REQUESTABLE, TrancheState.REQUESTED, TrancheState.VALIDATED, TrancheState.FAILED)
S = TrancheState
TRANSITIONS = {
    "unlock": Transition(
        "unlock", S.LOCKED, S.REQUESTABLE, "Débloquer", SYSTEM, guard_none, write_unlock, after_unlock
    ),
    "request": Transition(
        "request", S.REQUESTABLE, S.REQUESTED, "Demander le versement", "payments.request", guard_request, write_request
    ),
    "instruct": Transition(
        "instruct",
        S.REQUESTED,
        S.REQUESTED,
        "Valider la demande (instruction)",
        "payments.instruct",
        guard_instruct,
        write_instruct,
    ),
    "approve": Transition(
        "approve",
        S.REQUESTED,
        S.VALIDATED,
        "Valider la demande (finances)",
        "payments.approve",
        guard_approve,
        write_approve,
        after_approve,
    ),
    "send_back": Transition(
        "send_back",
        S.REQUESTED,
        S.REQUESTABLE,
        "Renvoyer la demande au porteur",
        "payments.send_back",
        guard_send_back,
        write_send_back,
        after_send_back,
    ),
    "pay": Transition(
        "pay",
        S.VALIDATED,
        S.PAID,
        "Enregistrer le paiement",
        "payments.record_payment",
        guard_pay,
        write_pay,
        after_paid,
    ),
    "fail": Transition(
        "fail",
        S.VALIDATED,
        S.FAILED,
        "Enregistrer l'échec du paiement",
        "payments.record_payment",
        guard_fail,
        write_fail,
        after_fail,
    ),
    "repay": Transition(
        "repay",
        S.FAILED,
        S.PAID,
        "Enregistrer le paiement",
        "payments.record_payment",
        guard_pay,
        write_pay,
        after_paid,
    ),
    "settle": Transition("settle", S.VALIDATED, S.PAID, "Solde nul", SYSTEM, guard_settle, write_settle, after_paid),
    **{
        f"cancel_{source}": Transition(
            f"cancel_{source}", source, S.LOCKED, "Annuler (convention résiliée)", SYSTEM, guard_none, write_cancel
        )
        for source in CANCELLABLE
    },
}
ALREADY = {
    S.LOCKED: "Cette tranche n'est pas encore débloquée : sa condition n'est pas remplie.",
    S.REQUESTED: "Cette tranche a déjà été demandée : la demande est en cours de validation.",
    S.VALIDATED: "Cette demande est déjà validée.",
    S.PAID: "Cette tranche est déjà versée.",
}


def transition_name(tranche, name):
    return f"cancel_{tranche.state}" if name == "cancel" else name


def available(tranche, user):
    """The moves `user` may make on `tranche` now (guards aside)."""
    return [
        t
        for t in TRANSITIONS.values()
        if t.permission and t.source == tranche.state and user.has_perm(t.permission, tranche.project)
    ]


def apply(tranche, name, by, at=None, motivation="", system=False, **given):
    """Move a tranche; True when this call made it happen, False when another request already had.

    `system` is for moves that follow from another action already permitted. Raises PaymentError in French."""
    spec = TRANSITIONS.get(transition_name(tranche, name))
    at = at or timezone.now()
    if spec is None or tranche.state != spec.source:
        raise PaymentError(
            ALREADY.get(
                tranche.state, f"Cette action n'est pas possible : la tranche est « {S(tranche.state).label} »."
            )
        )
    if not system and not (spec.permission and by is not None and by.has_perm(spec.permission, tranche.project)):
        raise PaymentError("Vous n'avez pas le droit de faire cette action sur ce versement.")
    with transaction.atomic():
        if not Tranche.objects.select_for_update().filter(pk=tranche.pk, state=spec.source).exists():
            return False
        context = spec.guard(tranche, by, at, motivation=motivation, **given)
        updates = spec.write(tranche, by, at, **context) if spec.write else {}
        changed = Tranche.objects.filter(pk=tranche.pk, state=spec.source).update(state=spec.target, **updates)
        if changed != 1:
            transaction.set_rollback(True)
            return False
        tranche.refresh_from_db()
        motivation = context.get("motivation", motivation)
        TrancheTransition.objects.create(
            tranche=tranche,
            name=spec.name,
            from_state=spec.source,
            to_state=spec.target,
            by=by,
            at=at,
            motivation=motivation,
        )
        number = tranche.project.number
        record(
            f"payments.tranche.{spec.name.split('_')[0] if spec.name.startswith('cancel_') else spec.name}",
            actor=by,
            target=tranche,
            summary=f"{number} : « {tranche.label} » {S(spec.source).label} → {S(spec.target).label} ({spec.label})",
            data={
                "number": number,
                "tranche": tranche.pk,
                "from": spec.source,
                "to": spec.target,
                "amount": tranche.amount_paid,
                "motivation": motivation,
            },
        )
        if spec.after:
            spec.after(tranche, by, at, **({"motivation": motivation} | context))
    return True
