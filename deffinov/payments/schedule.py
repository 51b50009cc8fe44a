"""The schedule of a project's tranches, drawn from its call's payment steps, and their unlocking."""

from decimal import ROUND_DOWN, Decimal

from django.db import transaction
from django.utils import timezone

from deffinov.audit.models import record
from deffinov.payments.models import Condition, PaymentStep, Tranche, TrancheState

CENT = Decimal("0.01")
DEFAULT_STEPS = (
    ("Avance à la signature (50 %)", Decimal("0.50"), Condition.CONVENTION_SIGNED, False),
    ("Acompte après le bilan intermédiaire (30 %)", Decimal("0.30"), Condition.INTERIM_REPORT_ACCEPTED, False),
    ("Solde après le bilan final (20 %)", Decimal("0.20"), Condition.FINAL_REPORT_ACCEPTED, True),
)


def ensure_default_steps(call):
    """The call's schedule; 50 % at signature, 30 % after the interim report and the balance when it has none."""
    if not call.payment_steps.exists():
        PaymentStep.objects.bulk_create(
            PaymentStep(call=call, position=position, label=label, percentage=share, condition=condition, is_balance=b)
            for position, (label, share, condition, b) in enumerate(DEFAULT_STEPS, start=1)
        )
    return list(call.payment_steps.order_by("position"))


def split(amount, shares):
    """Amounts for each share of `amount`, rounded down to the cent, the last one taking the remainder."""
    parts = [(amount * share).quantize(CENT, rounding=ROUND_DOWN) for share in shares[:-1]]
    return [*parts, amount - sum(parts, Decimal(0))]


def draw_schedule(project):
    """Create the project's tranches from its call's steps (once); amounts add up to the grant exactly."""
    if project.tranches.exists():
        return list(project.tranches.all())
    steps = ensure_default_steps(project.call)
    amounts = split(project.amount_granted, [step.percentage for step in steps])
    return Tranche.objects.bulk_create(
        Tranche(
            project=project,
            position=step.position,
            label=step.label,
            percentage=step.percentage,
            amount=amount,
            condition=step.condition,
            is_balance=step.is_balance,
        )
        for step, amount in zip(steps, amounts, strict=True)
    )


def unlock(project, condition, by=None, at=None):
    """Make the project's locked tranches due on `condition` requestable (the lead is told); returns how many were."""
    from deffinov.payments.workflow import apply

    at = at or timezone.now()
    count = 0
    with transaction.atomic():
        for tranche in project.tranches.filter(condition=condition, state=TrancheState.LOCKED):
            count += apply(tranche, "unlock", by, at, motivation=Condition(condition).label, system=True)
    return count


def redraw(project, by=None):
    """After an amendment changed the grant: the unpaid tranches share what is left to pay, in proportion to their
    percentages; paid tranches stay as they were. Refused when the new grant is below what was paid, or while a
    request is being validated."""
    from deffinov.formatting import euros
    from deffinov.payments.workflow import PaymentError

    with transaction.atomic():
        tranches = list(project.tranches.select_for_update().order_by("position"))
        paid = sum((t.amount_paid or 0 for t in tranches if t.state == TrancheState.PAID), Decimal(0))
        if project.amount_granted < paid:
            raise PaymentError(
                f"Le nouveau montant ({euros(project.amount_granted)}) est inférieur à ce qui a déjà été versé "
                f"({euros(paid)}) : un ordre de reversement doit être émis d'abord.",
                "amount_granted",
            )
        busy = [t for t in tranches if t.state in (TrancheState.REQUESTED, TrancheState.VALIDATED, TrancheState.FAILED)]
        if busy:
            raise PaymentError(
                f"La demande de versement « {busy[0].label} » est en cours : l'échéancier sera recalculé une fois "
                "cette demande payée ou renvoyée au porteur.",
                "amount_granted",
            )
        unpaid = [t for t in tranches if t.state != TrancheState.PAID]
        if not unpaid:
            return tranches
        weight = sum((t.percentage for t in unpaid), Decimal(0))
        shares = [t.percentage / weight for t in unpaid] if weight else [Decimal(1) / len(unpaid)] * len(unpaid)
        before = {t.pk: t.amount for t in unpaid}
        for tranche, amount in zip(unpaid, split(project.amount_granted - paid, shares), strict=True):
            tranche.amount = amount
        Tranche.objects.bulk_update(unpaid, ["amount"])
        record(
            "payments.schedule.redraw",
            actor=by,
            target=project,
            summary=f"{project.number} : échéancier recalculé pour {euros(project.amount_granted)}",
            data={
                "number": project.number,
                "amount": project.amount_granted,
                "tranches": {str(t.pk): [before[t.pk], t.amount] for t in unpaid},
            },
        )
    return tranches
