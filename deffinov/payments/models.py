"""How a grant is paid: a schedule per call (by default 50 % / 30 % / balance) and the tranches of each project."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from deffinov.applications.bounds import AMOUNT_LIMIT
from deffinov.calls.models import Call


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
    amount_paid = models.DecimalField("montant versé (€)", max_digits=12, decimal_places=2, null=True, blank=True)
    paid_on = models.DateField("versée le", null=True, blank=True)
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

    @property
    def is_paid(self):
        return self.state == TrancheState.PAID


class TrancheTransition(models.Model):
    """One move of a tranche: who, when, which transition, from, to, why."""

    tranche = models.ForeignKey(Tranche, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField("transition", max_length=30)
    from_state = models.CharField("de", max_length=20, choices=TrancheState.choices)
    to_state = models.CharField("vers", max_length=20, choices=TrancheState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    at = models.DateTimeField("le", default=timezone.now)
    motivation = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement d'état d'une tranche"
        verbose_name_plural = "changements d'état des tranches"
        ordering = ["tranche", "at", "pk"]

    def __str__(self):
        return f"{self.tranche} : {self.get_from_state_display()} → {self.get_to_state_display()}"


class PaymentRequest(models.Model):
    """The lead's request for one tranche: the statement of expenses, its documents, and what the Region did with it.

    A request sent back stays, for the history; the lead then makes a new one."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "En cours de validation"
        RETURNED = "returned", "Renvoyée au porteur"
        APPROVED = "approved", "Validée"

    tranche = models.ForeignKey(Tranche, on_delete=models.CASCADE, related_name="requests", verbose_name="tranche")
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    amount = models.DecimalField("montant demandé (€)", max_digits=12, decimal_places=2)
    planned = models.DecimalField("dépenses prévues (€)", max_digits=12, decimal_places=2)
    justified = models.DecimalField("dépenses justifiées (€)", max_digits=12, decimal_places=2)
    overpaid = models.DecimalField(
        "trop-perçu (€)", max_digits=12, decimal_places=2, default=0, help_text="Solde négatif : à reverser."
    )
    rounded_down = models.BooleanField("arrondi au centime inférieur", default=False)
    comment = models.TextField("commentaire", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="demandée par"
    )
    submitted_at = models.DateTimeField("demandée le", default=timezone.now)
    instructed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="validée par l'instruction",
    )
    instructed_at = models.DateTimeField("validée par l'instruction le", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="validée par les finances",
    )
    approved_at = models.DateTimeField("validée par les finances le", null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    returned_at = models.DateTimeField("renvoyée le", null=True, blank=True)
    return_motivation = models.TextField("motif du renvoi", blank=True)
    # The finance system's references, once paid.
    engagement = models.CharField("référence de l'engagement", max_length=40, blank=True)
    mandate = models.CharField("référence du mandat", max_length=40, blank=True)
    paid_on = models.DateField("date du paiement", null=True, blank=True)
    failure_reason = models.TextField("motif de l'échec du paiement", blank=True)

    class Meta:
        verbose_name = "demande de versement"
        verbose_name_plural = "demandes de versement"
        ordering = ["tranche", "submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0) & Q(amount__lt=AMOUNT_LIMIT), name="request_amount"),
            models.CheckConstraint(condition=Q(overpaid__gte=0) & Q(overpaid__lt=AMOUNT_LIMIT), name="request_over"),
            models.UniqueConstraint(
                fields=["tranche"], condition=~Q(status="returned"), name="one_live_request_per_tranche"
            ),
        ]

    def __str__(self):
        return f"Demande de versement – {self.tranche}"

    @property
    def project(self):
        return self.tranche.project


class StatementLine(models.Model):
    """One budget line of the dossier in a request's statement: what was planned, what was spent."""

    request = models.ForeignKey(PaymentRequest, on_delete=models.CASCADE, related_name="lines")
    expense = models.ForeignKey(
        "applications.ExpenseLine", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="dépense"
    )
    label = models.CharField("libellé", max_length=200)
    member = models.CharField("membre", max_length=200)
    planned = models.DecimalField("prévu (€)", max_digits=12, decimal_places=2)
    spent = models.DecimalField("dépensé (€)", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "ligne de l'état des dépenses"
        verbose_name_plural = "état des dépenses"
        ordering = ["request", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(spent__gte=0) & Q(spent__lt=AMOUNT_LIMIT), name="statement_spent"),
        ]

    def __str__(self):
        return self.label


def proof_path(instance, filename):
    """A path nobody can guess; the original name is kept in the row only."""
    return f"versements/{secrets.token_hex(16)}{PurePosixPath(filename).suffix.lower()}"


class SupportingDocument(models.Model):
    """A supporting document of a payment request. Uploaded with the form, kept when the form has an error
    (then not yet attached to a request)."""

    project = models.ForeignKey("grants.FundedProject", on_delete=models.CASCADE, related_name="payment_documents")
    request = models.ForeignKey(
        PaymentRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("déposé le", default=timezone.now)
    file = models.FileField("fichier", upload_to=proof_path, max_length=200)
    original_name = models.CharField("nom du fichier", max_length=150)
    content_type = models.CharField("type", max_length=100)
    size = models.PositiveBigIntegerField("taille (octets)")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)

    class Meta:
        verbose_name = "justificatif de versement"
        verbose_name_plural = "justificatifs de versement"
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class RecoveryOrder(models.Model):
    """An order to pay back (« ordre de reversement »): a negative line of the project's payments."""

    class State(models.TextChoices):
        ISSUED = "issued", "Émis"
        RECOVERED = "recovered", "Recouvré"

    project = models.ForeignKey("grants.FundedProject", on_delete=models.CASCADE, related_name="recoveries")
    amount = models.DecimalField("montant à reverser (€)", max_digits=12, decimal_places=2)
    reason = models.TextField("motif")
    state = models.CharField("état", max_length=20, choices=State.choices, default=State.ISSUED, db_index=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    issued_at = models.DateTimeField("émis le", default=timezone.now)
    recovered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recovered_on = models.DateField("recouvré le", null=True, blank=True)
    reference = models.CharField("référence du titre de recette", max_length=40, blank=True)

    class Meta:
        verbose_name = "ordre de reversement"
        verbose_name_plural = "ordres de reversement"
        ordering = ["project", "issued_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0) & Q(amount__lt=AMOUNT_LIMIT), name="recovery_amount"),
        ]

    def __str__(self):
        return f"Ordre de reversement – {self.project.number}"

    @property
    def signed_amount(self):
        """The line as the payments table shows it: negative."""
        return -self.amount


class MemberShare(models.Model):
    """The part of a payment (or of a recovery) that goes to (or comes back from) one member of the convention."""

    tranche = models.ForeignKey(Tranche, on_delete=models.CASCADE, null=True, blank=True, related_name="shares")
    recovery = models.ForeignKey(RecoveryOrder, on_delete=models.CASCADE, null=True, blank=True, related_name="shares")
    participation = models.ForeignKey("applications.Participation", on_delete=models.PROTECT, related_name="+")
    share = models.DecimalField("part", max_digits=5, decimal_places=4)
    amount = models.DecimalField("montant (€)", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "part d'un membre"
        verbose_name_plural = "parts des membres"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tranche__isnull=False) | Q(recovery__isnull=False), name="share_of_something"
            ),
        ]

    def __str__(self):
        return f"{self.participation.organisation} : {self.amount}"


class CallSchedule(Call):
    """A call seen from its payment schedule: what a functional administrator edits in the admin."""

    class Meta:
        proxy = True
        verbose_name = "échéancier d'un appel"
        verbose_name_plural = "échéanciers des appels"
