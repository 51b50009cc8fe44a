"""A funded project (« projet financé »): what a validated acceptance becomes, for up to 36 months.

Its states are declared in `deffinov.grants.workflow`; each change leaves a `ProjectTransition` row and an audit event.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.bounds import AMOUNT_LIMIT


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
