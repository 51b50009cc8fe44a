import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

# Committee amounts: in cents, strictly positive, below ten figures (what DECIMAL(12, 2) holds). See amounts.py.
AMOUNT_LIMIT = 10_000_000_000
AMOUNT_VALIDATORS = [MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("9999999999.99"))]


def sound_amount(field):
    return Q(**{f"{field}__isnull": True}) | (Q(**{f"{field}__gt": 0}) & Q(**{f"{field}__lt": AMOUNT_LIMIT}))


class SessionState(models.TextChoices):
    PLANNED = "planned", "Prévue"
    HELD = "held", "Tenue"
    VALIDATED = "validated", "Décisions validées"


class CommitteeSession(models.Model):
    """A meeting of the selection committee (Région + DREETS) deciding on a wave's dossiers."""

    wave = models.ForeignKey(
        "calls.Wave", on_delete=models.PROTECT, related_name="committee_sessions", verbose_name="vague"
    )
    date = models.DateTimeField("date de la séance")
    title = models.CharField("intitulé", max_length=200)
    state = models.CharField("état", max_length=20, choices=SessionState.choices, default=SessionState.PLANNED)
    deliberation_reference = models.CharField(
        "référence de la délibération",
        max_length=100,
        blank=True,
        help_text="Délibération de la Commission permanente qui vote les subventions, ex. CP-2026-11-042.",
    )
    deliberation_date = models.DateField("date de la délibération", null=True, blank=True)
    validated_at = models.DateTimeField("décisions validées le", null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décisions validées par",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="créée par"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "séance du comité de sélection"
        verbose_name_plural = "séances du comité de sélection"
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=SessionState.VALIDATED)
                | (~Q(deliberation_reference="") & Q(deliberation_date__isnull=False) & Q(validated_at__isnull=False)),
                name="committee_session_validated_has_deliberation",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committee:session", args=[self.pk])

    @property
    def is_validated(self):
        return self.state == SessionState.VALIDATED


class SessionTransition(models.Model):
    """One change of state of a session: who, when, from, to, and what was given (the deliberation)."""

    session = models.ForeignKey(
        CommitteeSession, on_delete=models.CASCADE, related_name="transitions", verbose_name="séance"
    )
    from_state = models.CharField("de", max_length=20, choices=SessionState.choices)
    to_state = models.CharField("vers", max_length=20, choices=SessionState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    at = models.DateTimeField("le", default=timezone.now)
    motivation = models.TextField("précision", blank=True)

    class Meta:
        verbose_name = "changement d'état de séance"
        verbose_name_plural = "changements d'état de séance"
        ordering = ["session", "at", "pk"]

    def __str__(self):
        return f"{self.session} : {self.get_from_state_display()} → {self.get_to_state_display()}"


class CommitteeMember(models.Model):
    class Institution(models.TextChoices):
        REGION = "region", "Région Normandie"
        DREETS = "dreets", "DREETS Normandie"

    session = models.ForeignKey(
        CommitteeSession, on_delete=models.CASCADE, related_name="members", verbose_name="séance"
    )
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

    session = models.ForeignKey(
        CommitteeSession, on_delete=models.CASCADE, related_name="agenda", verbose_name="séance"
    )
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="agenda_items", verbose_name="dossier"
    )
    proposed_amount = models.DecimalField(
        "montant proposé (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=AMOUNT_VALIDATORS,
    )
    added_at = models.DateTimeField("ajouté le", default=timezone.now)

    class Meta:
        verbose_name = "dossier à l'ordre du jour"
        verbose_name_plural = "ordre du jour"
        ordering = ["session", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "application"], name="agenda_item_unique"),
            models.CheckConstraint(condition=sound_amount("proposed_amount"), name="agenda_proposed_sound"),
        ]

    def __str__(self):
        return f"{self.session} – {self.application.number}"


class DecisionQuerySet(models.QuerySet):
    def final(self):
        """Decisions of sessions whose decisions are validated: the only ones applicants see."""
        return self.filter(session__state=SessionState.VALIDATED)

    def pending(self):
        return self.exclude(session__state=SessionState.VALIDATED)


class Decision(models.Model):
    """The committee's decision on a dossier, recorded in a session that took place.

    It stays a decision of the committee (the dossier remains in instruction, applicants see nothing) until the
    session's decisions are validated with the deliberation; the dossier then moves, and the letter goes out."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepté"
        REJECTED = "rejected", "Refusé"
        DISMISSED = "dismissed", "Classé sans suite"

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="decisions", verbose_name="dossier"
    )
    session = models.ForeignKey(
        CommitteeSession, on_delete=models.PROTECT, related_name="decisions", verbose_name="séance"
    )
    outcome = models.CharField("décision", max_length=20, choices=Outcome.choices)
    amount_granted = models.DecimalField(
        "montant accordé (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=AMOUNT_VALIDATORS,
    )
    cofinancing_exception = models.BooleanField("dérogation au taux de cofinancement", default=False)
    motivation = models.TextField("motivation", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="décidé par"
    )
    decided_at = models.DateTimeField("décidé le", default=timezone.now)

    objects = DecisionQuerySet.as_manager()

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
            models.CheckConstraint(condition=sound_amount("amount_granted"), name="decision_amount_sound"),
            models.CheckConstraint(
                condition=Q(outcome="accepted") | Q(amount_granted__isnull=True), name="decision_amount_if_accepted"
            ),
            models.UniqueConstraint(fields=["session", "application"], name="decision_once_per_session"),
        ]

    def __str__(self):
        return f"{self.application.number} : {self.get_outcome_display()}"

    @property
    def is_final(self):
        return self.session.state == SessionState.VALIDATED


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
