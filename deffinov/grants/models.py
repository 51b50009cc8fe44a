"""A funded project (« projet financé »): what a validated acceptance becomes, for up to 36 months.

Its states are declared in `deffinov.grants.workflow`; each change leaves a `ProjectTransition` row and an audit event.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.bounds import AMOUNT_LIMIT
from deffinov.eligibility.engine import add_months
from deffinov.formatting import day, euros, share

FINAL_REPORT_DELAY_MONTHS = 2


class ProjectState(models.TextChoices):
    CONVENTION_TO_SIGN = "convention_to_sign", "Convention à signer"
    SIGNED = "signed", "Convention signée"
    RUNNING = "running", "En cours"
    CLOSING = "closing", "En clôture"
    CLOSED = "closed", "Clôturé"
    TERMINATED = "terminated", "Résilié"


LIVE_STATES = (ProjectState.CONVENTION_TO_SIGN, ProjectState.SIGNED, ProjectState.RUNNING, ProjectState.CLOSING)


class FundedProjectQuerySet(models.QuerySet):
    def live(self):
        return self.filter(state__in=LIVE_STATES)

    def visible_to(self, user):
        """The projects whose collectif the user belongs to (accepted participation in one of its structures)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            application__participations__status="accepted",
            application__participations__organisation__memberships__user=user,
        ).distinct()


class FundedProject(models.Model):
    """A dossier accepted by a validated committee decision, followed until it is closed."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="funded_project", verbose_name="dossier"
    )
    decision = models.OneToOneField(
        "committee.Decision", on_delete=models.PROTECT, related_name="funded_project", verbose_name="décision"
    )
    state = models.CharField(
        "état", max_length=30, choices=ProjectState.choices, default=ProjectState.CONVENTION_TO_SIGN, db_index=True
    )
    amount_granted = models.DecimalField("montant accordé (€)", max_digits=12, decimal_places=2)
    starts_on = models.DateField("début du projet")
    ends_on = models.DateField("fin du projet")
    convention_date = models.DateField(
        "date de la convention", null=True, blank=True, help_text="Date de la contre-signature par la Région."
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = FundedProjectQuerySet.as_manager()

    class Meta:
        verbose_name = "projet financé"
        verbose_name_plural = "projets financés"
        ordering = ["application__number"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_granted__gt=0), name="funded_project_amount_positive"),
            models.CheckConstraint(condition=Q(amount_granted__lt=AMOUNT_LIMIT), name="funded_project_amount_bounded"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="funded_project_dates"),
            models.CheckConstraint(
                condition=Q(convention_date__isnull=False) | Q(state__in=["convention_to_sign", "terminated"]),
                name="funded_project_signed_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.title}"

    def get_absolute_url(self):
        return reverse("grants:detail", args=[self.number])

    @property
    def number(self):
        return self.application.number

    @property
    def title(self):
        return self.application.title

    @property
    def call(self):
        return self.application.wave.call

    @property
    def lead(self):
        return self.application.lead

    @property
    def is_live(self):
        return self.state in LIVE_STATES

    @property
    def duration_months(self):
        """Whole months from the start to the end (a month begun counts)."""
        months = (self.ends_on.year - self.starts_on.year) * 12 + self.ends_on.month - self.starts_on.month
        return max(1, months + (1 if self.ends_on.day >= self.starts_on.day else 0))

    @property
    def interim_report_due(self):
        """The interim report is due at mid-term of the project."""
        return self.starts_on + (self.ends_on - self.starts_on) / 2

    @property
    def final_report_due(self):
        """The final report is due two months after the project's end."""
        return add_months(self.ends_on, FINAL_REPORT_DELAY_MONTHS)


class ProjectTransition(models.Model):
    """One change of state of a funded project: who, when, from, to, why."""

    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField("de", max_length=30, choices=ProjectState.choices)
    to_state = models.CharField("vers", max_length=30, choices=ProjectState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    at = models.DateTimeField("le", default=timezone.now)
    motivation = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement d'état d'un projet financé"
        verbose_name_plural = "changements d'état des projets financés"
        ordering = ["project", "at", "pk"]

    def __str__(self):
        return f"{self.project.number} : {self.get_from_state_display()} → {self.get_to_state_display()}"


class ConventionTemplate(models.Model):
    """The text of a call's convention, with merge tags (« {{ dossier.numero }} ») filled for each project."""

    call = models.OneToOneField(
        "calls.Call", on_delete=models.CASCADE, related_name="convention_template", verbose_name="appel à projets"
    )
    body = models.TextField(
        "texte de la convention",
        help_text="Texte libre ; les balises entre doubles accolades sont remplacées par les données du projet. "
        "Une ligne vide sépare deux paragraphes ; une ligne commençant par « # » est un titre d'article.",
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "modèle de convention"
        verbose_name_plural = "modèles de convention"

    def __str__(self):
        return f"Modèle de convention – {self.call.short_title}"


def convention_path(instance, filename):
    return f"conventions/{secrets.token_hex(16)}.pdf"


class ConventionVersion(models.TextChoices):
    GENERATED = "generated", "Générée"
    SIGNED = "signed", "Signée par le chef de file"
    COUNTERSIGNED = "countersigned", "Contre-signée par la Région"


class ConventionDocument(models.Model):
    """One version of a project's convention: generated, signed by the lead, countersigned. All are kept."""

    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="convention_documents")
    version = models.CharField("version", max_length=20, choices=ConventionVersion.choices)
    file = models.FileField("fichier PDF", upload_to=convention_path, max_length=200)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    original_name = models.CharField("nom du fichier", max_length=150, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="par"
    )
    at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "version de la convention"
        verbose_name_plural = "versions de la convention"
        ordering = ["project", "at", "pk"]

    def __str__(self):
        return f"{self.project.number} – {self.get_version_display()}"

    @property
    def filename(self):
        return f"convention-{self.project.number}-{self.version}-{self.pk}.pdf"


class Amendment(models.Model):
    """An « avenant »: the end date, the amount or the members' shares changed, with its motivation and date.

    The values before and after are kept, so the history reads without recomputing anything."""

    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveSmallIntegerField("numéro")
    signed_on = models.DateField("date de l'avenant")
    motivation = models.TextField("motif")
    old_amount = models.DecimalField("montant avant (€)", max_digits=12, decimal_places=2)
    new_amount = models.DecimalField("montant après (€)", max_digits=12, decimal_places=2)
    old_ends_on = models.DateField("fin avant")
    new_ends_on = models.DateField("fin après")
    old_shares = models.JSONField("parts avant", default=list)
    new_shares = models.JSONField("parts après", default=list)
    file = models.FileField("avenant (PDF)", upload_to=convention_path, max_length=200, blank=True)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    created_at = models.DateTimeField("enregistré le", default=timezone.now)

    class Meta:
        verbose_name = "avenant"
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="amendment_number_unique"),
            models.CheckConstraint(condition=Q(new_amount__gt=0), name="amendment_amount_positive"),
            models.CheckConstraint(condition=Q(new_amount__lt=AMOUNT_LIMIT), name="amendment_amount_bounded"),
        ]

    def __str__(self):
        return f"{self.project.number} – avenant n° {self.number}"

    @property
    def filename(self):
        return f"avenant-{self.number}-{self.project.number}.pdf"

    @property
    def changes(self):
        """What changed, in words the people of the project read."""
        changed = []
        if self.new_amount != self.old_amount:
            changed.append(f"montant : {euros(self.old_amount)} → {euros(self.new_amount)}")
        if self.new_ends_on != self.old_ends_on:
            changed.append(f"fin du projet : {day(self.old_ends_on)} → {day(self.new_ends_on)}")
        old = {row["organisation"]: row["share"] for row in self.old_shares}
        for row in self.new_shares:
            before = old.get(row["organisation"])
            if before is not None and before != row["share"]:
                changed.append(f"part de {row['name']} : {share(before)} → {share(row['share'])}")
        return changed
