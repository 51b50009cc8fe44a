"""The reports of a funded project (« bilans » intermédiaire et final) and the indicators they count.

A report's states are declared in `deffinov.reports.workflow`; each change leaves a `ReportTransition` row and an
audit event. Each submission freezes a `ReportVersion` (its content as JSON and its attachments): versions are kept.
Indicators are numbers with units, from a declared catalogue (`deffinov.reports.catalogue`), never free text.
"""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.bounds import AMOUNT_LIMIT
from deffinov.grants.models import LIVE_STATES

# An indicator's value is at most a million (learners, hours, sessions…): more is a typing slip.
INDICATOR_LIMIT = 1_000_000
# A report is « très en retard » this many days after its due date.
VERY_LATE_DAYS = 14


class ReportKind(models.TextChoices):
    INTERIM = "interim", "Bilan intermédiaire"
    FINAL = "final", "Bilan final"


class ReportState(models.TextChoices):
    DRAFT = "draft", "À rédiger"
    SUBMITTED = "submitted", "Remis"
    CORRECTION_REQUESTED = "correction_requested", "Corrections demandées"
    ACCEPTED = "accepted", "Accepté"


# The lead may write while the report is in these states.
WRITABLE_STATES = (ReportState.DRAFT, ReportState.CORRECTION_REQUESTED)


class IndicatorKind(models.TextChoices):
    INTEGER = "integer", "Nombre entier"
    DECIMAL = "decimal", "Nombre décimal"
    COMMUNES = "communes", "Communes (codes INSEE)"


class Indicator(models.Model):
    """One indicator of the catalogue: a number with a unit, possibly broken down by public."""

    code = models.SlugField("code", max_length=40, unique=True)
    label = models.CharField("libellé", max_length=200)
    unit = models.CharField("unité", max_length=40)
    kind = models.CharField("type", max_length=20, choices=IndicatorKind.choices, default=IndicatorKind.INTEGER)
    # [[code, label], …] when the value is given per public (learners); empty otherwise.
    breakdown = models.JSONField("ventilation", default=list, blank=True)
    help_text = models.CharField("aide", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "indicateur"
        ordering = ["position", "code"]

    def __str__(self):
        return f"{self.label} ({self.unit})"

    @property
    def parts(self):
        """(public code, label) pairs, or a single ("", label) for an indicator without breakdown."""
        return [tuple(part) for part in self.breakdown] or [("", self.label)]


def attachment_path(instance, filename):
    """A path nobody can guess; the original name is kept in the row only."""
    return f"bilans/{secrets.token_hex(16)}{PurePosixPath(filename).suffix.lower()}"


class ReportQuerySet(models.QuerySet):
    def late(self, today):
        """Reports not handed in whose due date is past (`today`, a Paris date)."""
        return self.filter(state=ReportState.DRAFT, due_on__lt=today, project__state__in=LIVE_STATES)


class Report(models.Model):
    """The interim or final report of a funded project, written by the lead's administrators."""

    project = models.ForeignKey(
        "grants.FundedProject", on_delete=models.CASCADE, related_name="reports", verbose_name="projet financé"
    )
    kind = models.CharField("type", max_length=20, choices=ReportKind.choices)
    due_on = models.DateField("à remettre le")
    state = models.CharField(
        "état", max_length=30, choices=ReportState.choices, default=ReportState.DRAFT, db_index=True
    )
    narrative = models.TextField("récit du projet", blank=True)
    communes = models.ManyToManyField(
        "territories.Commune", related_name="+", verbose_name="communes desservies", blank=True
    )
    submitted_at = models.DateTimeField("remis le", null=True, blank=True)
    accepted_at = models.DateTimeField("accepté le", null=True, blank=True)
    updated_at = models.DateTimeField("modifié le", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "bilan"
        ordering = ["project", "due_on"]
        constraints = [models.UniqueConstraint(fields=["project", "kind"], name="report_one_per_kind")]

    def __str__(self):
        return f"{self.project.number} – {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.project.number, self.kind])

    @property
    def is_writable(self):
        return self.state in WRITABLE_STATES

    def days_late(self, today):
        """Days past the due date while not handed in (0 when not late)."""
        if self.state != ReportState.DRAFT:
            return 0
        return max((today - self.due_on).days, 0)

    def is_very_late(self, today):
        return self.days_late(today) > VERY_LATE_DAYS


class ReportExpense(models.Model):
    """What was spent on one line of the dossier's budget, against what was planned."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="expenses")
    line = models.ForeignKey(
        "applications.ExpenseLine", on_delete=models.CASCADE, related_name="+", verbose_name="ligne du budget"
    )
    spent = models.DecimalField("dépensé (€)", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "dépense réalisée"
        ordering = ["report", "line"]
        constraints = [
            models.UniqueConstraint(fields=["report", "line"], name="report_expense_once"),
            models.CheckConstraint(condition=Q(spent__gte=0), name="report_expense_positive"),
            models.CheckConstraint(condition=Q(spent__lt=AMOUNT_LIMIT), name="report_expense_bounded"),
        ]

    def __str__(self):
        return f"{self.line} : {self.spent} €"


class IndicatorValue(models.Model):
    """The value a report gives one indicator (for one public, when broken down)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    public = models.CharField("public", max_length=40, blank=True)
    value = models.DecimalField("valeur", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "valeur d'indicateur"
        ordering = ["report", "indicator__position", "public"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator", "public"], name="indicator_value_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="indicator_value_positive"),
            models.CheckConstraint(condition=Q(value__lte=INDICATOR_LIMIT), name="indicator_value_bounded"),
        ]

    def __str__(self):
        return f"{self.indicator.code}{':' + self.public if self.public else ''} = {self.value}"


class ReportAttachment(models.Model):
    """A supporting file of a report. Once part of a submitted version it is kept, even if removed from the draft."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("fichier", upload_to=attachment_path, max_length=200)
    original_name = models.CharField("nom du fichier", max_length=150)
    size = models.PositiveBigIntegerField("taille (octets)")
    content_type = models.CharField("type de contenu", max_length=100)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField("déposé le", default=timezone.now)
    removed = models.BooleanField("retiré du brouillon", default=False)

    class Meta:
        verbose_name = "pièce jointe d'un bilan"
        verbose_name_plural = "pièces jointes des bilans"
        ordering = ["report", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ReportVersion(models.Model):
    """A report as it was submitted, frozen: its content as JSON and its attachments."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField("version")
    submitted_at = models.DateTimeField("remise le")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="remise par"
    )
    content = models.JSONField("contenu")
    attachments = models.ManyToManyField(ReportAttachment, related_name="versions", blank=True)

    class Meta:
        verbose_name = "version d'un bilan"
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self):
        return f"{self.report} – version {self.number}"


class ReportTransition(models.Model):
    """One change of state of a report: who, when, from, to, why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField("de", max_length=30, choices=ReportState.choices)
    to_state = models.CharField("vers", max_length=30, choices=ReportState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    at = models.DateTimeField("le", default=timezone.now)
    motivation = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement d'état d'un bilan"
        verbose_name_plural = "changements d'état des bilans"
        ordering = ["report", "at", "pk"]

    def __str__(self):
        return f"{self.report} : {self.get_from_state_display()} → {self.get_to_state_display()}"


class ReportReminder(models.Model):
    """A reminder already sent for a report: the unique pair makes the daily command safe to run twice."""

    class Kind(models.TextChoices):
        THIRTY_DAYS = "d30", "30 jours avant l'échéance"
        SEVEN_DAYS = "d7", "7 jours avant l'échéance"
        OVERDUE = "overdue", "Échéance dépassée"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("rappel", max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField("envoyé le", default=timezone.now)

    class Meta:
        verbose_name = "rappel de bilan"
        verbose_name_plural = "rappels de bilans"
        constraints = [models.UniqueConstraint(fields=["report", "kind"], name="report_reminder_unique")]

    def __str__(self):
        return f"{self.report} – {self.get_kind_display()}"
