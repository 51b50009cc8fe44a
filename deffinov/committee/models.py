import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class CommitteeSession(models.Model):
    """A meeting of the selection committee (Région + DREETS) deciding on a wave's dossiers."""

    wave = models.ForeignKey("calls.Wave", on_delete=models.PROTECT, related_name="committee_sessions")
    date = models.DateTimeField("date de la séance")
    title = models.CharField("intitulé", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "séance du comité de sélection"
        verbose_name_plural = "séances du comité de sélection"
        ordering = ["-date"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committee:session", args=[self.pk])


class CommitteeMember(models.Model):
    class Institution(models.TextChoices):
        REGION = "region", "Région Normandie"
        DREETS = "dreets", "DREETS Normandie"

    session = models.ForeignKey(CommitteeSession, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("nom", max_length=150)
    function = models.CharField("fonction", max_length=150, blank=True)
    institution = models.CharField("institution", max_length=20, choices=Institution.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="compte",
    )

    class Meta:
        verbose_name = "membre du comité"
        verbose_name_plural = "membres du comité"
        ordering = ["session", "institution", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_institution_display()})"


class AgendaItem(models.Model):
    """A dossier on the session's agenda, with the amount the instructors propose."""

    session = models.ForeignKey(CommitteeSession, on_delete=models.CASCADE, related_name="agenda")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="agenda_items", verbose_name="dossier"
    )
    proposed_amount = models.DecimalField(
        "montant proposé (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    added_at = models.DateTimeField("ajouté le", default=timezone.now)

    class Meta:
        verbose_name = "dossier à l'ordre du jour"
        verbose_name_plural = "ordre du jour"
        ordering = ["session", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "application"], name="agenda_item_unique"),
            models.CheckConstraint(
                condition=Q(proposed_amount__isnull=True) | Q(proposed_amount__gte=0), name="agenda_proposed_positive"
            ),
        ]

    def __str__(self):
        return f"{self.session} – {self.application.number}"


class Decision(models.Model):
    """The committee's decision on a dossier. The dossier's state changes with it, in the same transaction."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepté"
        REJECTED = "rejected", "Refusé"
        DISMISSED = "dismissed", "Classé sans suite"

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="decisions", verbose_name="dossier"
    )
    session = models.ForeignKey(
        CommitteeSession, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    outcome = models.CharField("décision", max_length=20, choices=Outcome.choices)
    amount_granted = models.DecimalField(
        "montant accordé (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    cofinancing_exception = models.BooleanField("dérogation au taux de cofinancement", default=False)
    motivation = models.TextField("motivation", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField("décidé le", default=timezone.now)

    class Meta:
        verbose_name = "décision"
        ordering = ["application", "-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="accepted") | Q(amount_granted__gt=0), name="decision_accepted_has_amount"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="rejected") | ~Q(motivation=""), name="decision_rejected_has_motivation"
            ),
        ]

    def __str__(self):
        return f"{self.application.number} : {self.get_outcome_display()}"


def letter_path(instance, filename):
    return f"decisions/{secrets.token_hex(16)}.pdf"


class DecisionLetter(models.Model):
    """The letter notifying a decision (PDF), made once and emailed to the consortium."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="letter")
    file = models.FileField("fichier PDF", upload_to=letter_path, max_length=200)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    sent_to = models.JSONField("envoyée à", default=list, blank=True)

    class Meta:
        verbose_name = "lettre de décision"
        verbose_name_plural = "lettres de décision"

    def __str__(self):
        return f"Lettre de décision {self.decision.application.number}"

    @property
    def filename(self):
        return f"decision-{self.decision.application.number}.pdf"
