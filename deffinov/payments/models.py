"""How a grant is paid: a schedule per call (by default 50 % / 30 % / balance) and the tranches of each project."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from deffinov.applications.bounds import AMOUNT_LIMIT


class Condition(models.TextChoices):
    CONVENTION_SIGNED = "convention_signed", "Signature de la convention"
    INTERIM_REPORT_ACCEPTED = "interim_report_accepted", "Acceptation du bilan intermédiaire"
    FINAL_REPORT_ACCEPTED = "final_report_accepted", "Acceptation du bilan final"


class PaymentStep(models.Model):
    """One step of a call's payment schedule. The balance step is paid pro rata of justified expenses."""

    call = models.ForeignKey(
        "calls.Call", on_delete=models.CASCADE, related_name="payment_steps", verbose_name="appel à projets"
    )
    position = models.PositiveSmallIntegerField("ordre")
    label = models.CharField("libellé", max_length=100)
    percentage = models.DecimalField(
        "part de la subvention", max_digits=5, decimal_places=4, help_text="Entre 0 et 1 ; pour le solde, le reste."
    )
    condition = models.CharField("condition de déblocage", max_length=30, choices=Condition.choices)
    is_balance = models.BooleanField(
        "solde", default=False, help_text="Versé au prorata des dépenses justifiées, dans la limite de la subvention."
    )

    class Meta:
        verbose_name = "étape de l'échéancier"
        verbose_name_plural = "échéancier des versements"
        ordering = ["call", "position"]
        constraints = [
            models.UniqueConstraint(fields=["call", "position"], name="payment_step_position_unique"),
            models.UniqueConstraint(
                fields=["call"], condition=Q(is_balance=True), name="payment_step_one_balance_per_call"
            ),
            models.CheckConstraint(
                condition=Q(percentage__gt=0) & Q(percentage__lte=1), name="payment_step_percentage_range"
            ),
        ]

    def __str__(self):
        return self.label


class TrancheState(models.TextChoices):
    LOCKED = "locked", "Bloquée"
    REQUESTABLE = "requestable", "Demandable"
    REQUESTED = "requested", "Demandée"
    VALIDATED = "validated", "Validée"
    PAID = "paid", "Versée"
    FAILED = "failed", "Échec du paiement"


class Tranche(models.Model):
    """One instalment of a funded project's grant, unlocked by its condition."""

    project = models.ForeignKey(
        "grants.FundedProject", on_delete=models.CASCADE, related_name="tranches", verbose_name="projet financé"
    )
    position = models.PositiveSmallIntegerField("ordre")
    label = models.CharField("libellé", max_length=100)
    percentage = models.DecimalField("part de la subvention", max_digits=5, decimal_places=4)
    amount = models.DecimalField("montant prévu (€)", max_digits=12, decimal_places=2)
    condition = models.CharField("condition de déblocage", max_length=30, choices=Condition.choices)
    is_balance = models.BooleanField("solde", default=False)
    state = models.CharField(
        "état", max_length=20, choices=TrancheState.choices, default=TrancheState.LOCKED, db_index=True
    )
    unlocked_at = models.DateTimeField("débloquée le", null=True, blank=True)
    created_at = models.DateTimeField("créée le", default=timezone.now)

    class Meta:
        verbose_name = "tranche"
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "position"], name="tranche_position_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="tranche_amount_positive"),
            models.CheckConstraint(condition=Q(amount__lt=AMOUNT_LIMIT), name="tranche_amount_bounded"),
            models.CheckConstraint(condition=Q(percentage__gte=0) & Q(percentage__lte=1), name="tranche_percentage"),
        ]

    def __str__(self):
        return f"{self.project.number} – {self.label}"
