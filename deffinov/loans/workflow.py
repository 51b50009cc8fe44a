"""The states of a loan and the transitions between them, declared in one table.

Each transition names who may trigger it (the owner's administrators, the borrower, or the daily command), its
guard (raises `LoanError` with a French message) and leaves a `LoanTransition` row and an audit event. Every
change runs under a row lock on the item and is a conditional UPDATE on the current state: two answers can never
both move a loan, and two accepted loans never hold the same item on the same day.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from deffinov import formatting
from deffinov.audit.models import record
from deffinov.loans import notify
from deffinov.loans.models import HOLDING_STATES, Item, Loan, LoanState, LoanTransition


class LoanError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def is_owner(user, loan):
    return user is not None and user.has_perm("loans.manage_items", loan.item.organisation)


def is_borrower(user, loan):
    if user is None or not user.is_authenticated:
        return False
    if loan.borrower_id:
        return user.has_perm("loans.borrow_for", loan.borrower)
    return loan.requested_by_id == user.pk


def is_owner_or_borrower(user, loan):
    return is_owner(user, loan) or is_borrower(user, loan)


def is_system(user, loan):
    return user is None


def period(starts_on, ends_on):
    if starts_on == ends_on:
        return f"le {formatting.day(starts_on)}"
    return f"du {formatting.day(starts_on)} au {formatting.day(ends_on)}"


def conflicting(item_id, starts_on, ends_on, exclude=None):
    """The first loan holding the item on one of these days, or None."""
    loans = Loan.objects.filter(
        item_id=item_id, state__in=HOLDING_STATES, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).order_by("starts_on")
    if exclude is not None:
        loans = loans.exclude(pk=exclude)
    return loans.first()


def overlap_message(other):
    return (
        f"L'objet est déjà réservé {period(other.starts_on, other.ends_on)} : choisissez des dates "
        "qui ne chevauchent pas cette période."
    )


def guard_free(loan, at):
    other = conflicting(loan.item_id, loan.starts_on, loan.ends_on, exclude=loan.pk)
    if other is not None:
        raise LoanError(overlap_message(other))


def guard_none(loan, at):
    pass


def guard_ended(loan, at):
    if loan.ends_on >= timezone.localdate(at):
        raise LoanError("Ce prêt n'est pas encore arrivé à sa date de retour.")


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple
    target: str
    label: str
    may: Callable
    guard: Callable
    done: str


TRANSITIONS = {
    "accept": Transition(
        "accept",
        (LoanState.PENDING,),
        LoanState.RESERVED,
        "Accepter la demande",
        is_owner,
        guard_free,
        "La demande est acceptée : l'objet est réservé.",
    ),
    "decline": Transition(
        "decline",
        (LoanState.PENDING,),
        LoanState.CANCELLED,
        "Refuser la demande",
        is_owner,
        guard_none,
        "La demande est refusée.",
    ),
    "cancel_request": Transition(
        "cancel_request",
        (LoanState.PENDING, LoanState.RESERVED),
        LoanState.CANCELLED,
        "Annuler ma demande",
        is_borrower,
        guard_none,
        "La demande est annulée.",
    ),
    "cancel": Transition(
        "cancel",
        (LoanState.RESERVED,),
        LoanState.CANCELLED,
        "Annuler la réservation",
        is_owner,
        guard_none,
        "La réservation est annulée.",
    ),
    "pick_up": Transition(
        "pick_up",
        (LoanState.RESERVED,),
        LoanState.ACTIVE,
        "Noter le retrait de l'objet",
        is_owner,
        guard_none,
        "Le retrait de l'objet est noté : le prêt est en cours.",
    ),
    "mark_overdue": Transition(
        "mark_overdue",
        (LoanState.ACTIVE,),
        LoanState.OVERDUE,
        "Signaler le retard",
        is_system,
        guard_ended,
        "Le prêt est en retard.",
    ),
    "give_back": Transition(
        "give_back",
        (LoanState.ACTIVE, LoanState.OVERDUE),
        LoanState.RETURNED,
        "Noter le retour de l'objet",
        is_owner,
        guard_none,
        "Le retour de l'objet est noté.",
    ),
}


def available(loan, user):
    """The transitions `user` may trigger on the loan now."""
    return [
        t for t in TRANSITIONS.values() if loan.state in t.sources and t.may(user, loan) and t.name != "mark_overdue"
    ]


def apply(loan, name, by, motivation="", at=None):
    """Run a transition; True when this call made it happen, False when another request already had.

    `by` is None for the daily command. Raises LoanError when the person may not, or the guard refuses."""
    spec = TRANSITIONS[name]
    at = at or timezone.now()
    if not spec.may(by, loan):
        raise LoanError("Vous n'avez pas le droit de faire cette action sur ce prêt.")
    if loan.state not in spec.sources:
        raise LoanError(f"Cette action n'est plus possible : le prêt est « {loan.get_state_display().lower()} ».")
    with transaction.atomic():
        # Every accepted loan of the item is decided one at a time: the overlap check cannot race.
        Item.objects.select_for_update().filter(pk=loan.item_id).first()
        source = Loan.objects.filter(pk=loan.pk).values_list("state", flat=True).first()
        if source not in spec.sources:
            return False
        spec.guard(loan, at)
        try:
            with transaction.atomic():
                changed = Loan.objects.filter(pk=loan.pk, state=source).update(state=spec.target)
        except IntegrityError as error:  # PostgreSQL's exclusion constraint, should the lock ever be bypassed
            raise LoanError("L'objet est déjà réservé sur une partie de ces dates.") from error
        if changed != 1:
            return False
        LoanTransition.objects.create(
            loan=loan, from_state=source, to_state=spec.target, by=by, at=at, motivation=motivation
        )
        record(
            f"loan.{spec.name}",
            actor=by,
            target=loan,
            summary=(
                f"Prêt de « {loan.item.name} » à {loan.borrower_name} : "
                f"{LoanState(source).label} → {LoanState(spec.target).label}"
            ),
            data={"item": loan.item_id, "from": source, "to": spec.target, "motivation": motivation},
        )
        loan.state = spec.target
        if spec.name != "mark_overdue":
            notify.changed(loan, spec, motivation)
    return True


def request_loan(item, by, borrower, starts_on, ends_on, message="", at=None):
    """Record a request; LoanError (French, naming the period) when the item is already held on these dates."""
    at = at or timezone.now()
    with transaction.atomic():
        Item.objects.select_for_update().filter(pk=item.pk).first()
        other = conflicting(item.pk, starts_on, ends_on)
        if other is not None:
            raise LoanError(overlap_message(other))
        loan = Loan.objects.create(
            item=item,
            borrower=borrower,
            requested_by=by,
            starts_on=starts_on,
            ends_on=ends_on,
            message=message,
            requested_at=at,
        )
        LoanTransition.objects.create(loan=loan, from_state="", to_state=LoanState.PENDING, by=by, at=at)
        record(
            "loan.request",
            actor=by,
            target=loan,
            summary=f"Demande de prêt de « {item.name} » par {loan.borrower_name}, {period(starts_on, ends_on)}",
            data={"item": item.pk, "starts_on": starts_on, "ends_on": ends_on},
        )
        notify.requested(loan)
    return loan
