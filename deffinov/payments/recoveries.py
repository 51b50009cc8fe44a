"""Recovery orders (« ordres de reversement »): what was paid beyond what the justified expenses earn, at the
balance or when the convention is terminated."""

from decimal import Decimal

from django.db import transaction

from deffinov.audit.models import record
from deffinov.formatting import euros
from deffinov.payments.balance import already_paid, planned_expenses, pro_rata
from deffinov.payments.models import PaymentRequest, RecoveryOrder, TrancheState
from deffinov.payments.shares import write_shares
from deffinov.payments.workflow import PaymentError


def issue(project, amount, reason, by, at):
    order = RecoveryOrder.objects.create(project=project, amount=amount, reason=reason, issued_by=by, issued_at=at)
    write_shares(project, amount, recovery=order)
    record(
        "payments.recovery.issue",
        actor=by,
        target=order,
        summary=f"{project.number} : ordre de reversement de {euros(amount)} émis",
        data={"number": project.number, "amount": amount, "reason": reason},
    )
    return order


def record_recovered(order, by, on, reference="", at=None):
    """The finance officer records that the lead paid back; True when this call recorded it."""
    from deffinov.payments.effects import maybe_close

    if not by.has_perm("payments.record_recovery", order.project):
        raise PaymentError("Vous n'avez pas le droit d'enregistrer ce reversement.")
    if on is None:
        raise PaymentError("Indiquez la date du reversement.", "recovered_on")
    if on < order.issued_at.date():
        raise PaymentError("Le reversement ne peut pas précéder l'ordre de reversement.", "recovered_on")
    reference = (reference or "").strip()
    if len(reference) > 40:
        raise PaymentError("Une référence tient en 40 caractères au plus.", "reference")
    with transaction.atomic():
        changed = RecoveryOrder.objects.filter(pk=order.pk, state=RecoveryOrder.State.ISSUED).update(
            state=RecoveryOrder.State.RECOVERED, recovered_by=by, recovered_on=on, reference=reference
        )
        if not changed:
            return False
        order.refresh_from_db()
        record(
            "payments.recovery.recovered",
            actor=by,
            target=order,
            summary=f"{order.project.number} : reversement de {euros(order.amount)} recouvré",
            data={"number": order.project.number, "amount": order.amount, "reference": reference},
        )
        maybe_close(order.project, by, at)
    return True


def on_terminate(project, by, at, motivation="", **given):
    """The convention is terminated: unpaid tranches are cancelled and what the last validated statement of
    expenses does not justify is recovered (everything paid, when there is none)."""
    from deffinov.payments.workflow import apply

    paid = already_paid(project)
    statement = (
        PaymentRequest.objects.filter(tranche__project=project, status=PaymentRequest.Status.APPROVED)
        .order_by("-approved_at", "-pk")
        .first()
    )
    justified = statement.justified if statement else Decimal(0)
    balance = pro_rata(project.amount_granted, planned_expenses(project), justified, paid)
    for tranche in project.tranches.exclude(state__in=[TrancheState.LOCKED, TrancheState.PAID]):
        apply(tranche, "cancel", by, at, motivation="Convention résiliée.", system=True)
    if balance.overpaid > 0:
        issue(
            project,
            balance.overpaid,
            f"Résiliation de la convention : {motivation.strip()} Versé {euros(paid)} ; "
            f"dépenses justifiées {euros(justified)} sur {euros(balance.planned)} prévues, "
            f"soit {euros(balance.due)} dus.",
            by,
            at,
        )
