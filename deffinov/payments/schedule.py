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
    """Make the project's locked tranches due on `condition` requestable; returns how many were unlocked."""
    at = at or timezone.now()
    with transaction.atomic():
        tranches = list(project.tranches.filter(condition=condition, state=TrancheState.LOCKED))
        count = Tranche.objects.filter(pk__in=[t.pk for t in tranches], state=TrancheState.LOCKED).update(
            state=TrancheState.REQUESTABLE, unlocked_at=at
        )
        for tranche in tranches:
            record(
                "payments.tranche.unlock",
                actor=by,
                target=tranche,
                summary=f"{project.number} : « {tranche.label} » devient demandable ({Condition(condition).label})",
                data={"number": project.number, "tranche": tranche.pk, "condition": condition},
            )
    return count
