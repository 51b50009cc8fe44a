from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from deffinov.accounts.roles import has_region_role
from deffinov.calls.models import PARIS


class State(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Déposé"
    IN_REVIEW = "in_review", "En instruction"
    CORRECTION_REQUESTED = "correction_requested", "À corriger"
    ACCEPTED = "accepted", "Accepté"
    REJECTED = "rejected", "Refusé"
    DISMISSED = "dismissed", "Classé sans suite"
    WITHDRAWN = "withdrawn", "Retiré"


# The lead's consortium edits the dossier while it is a draft, and again when the Region asks for corrections.
EDITABLE_STATES = (State.DRAFT, State.CORRECTION_REQUESTED)


class Public(models.TextChoices):
    JOB_SEEKERS = "demandeurs_emploi", "Demandeurs d'emploi"
    EMPLOYEES = "salaries", "Salariés"
    YOUNG_PEOPLE = "jeunes", "Jeunes"
    RETRAINING = "reconversion", "Personnes en reconversion"
    SELF_EMPLOYED = "independants", "Travailleurs indépendants"
    DIGITALLY_EXCLUDED = "eloignes_numerique", "Personnes éloignées du numérique"
    OTHER = "autres", "Autres"


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Applications whose accepted member structures count `user` among their people; all but drafts for Region
        agents (a draft is its consortium's own)."""
        if not user.is_authenticated:
            return self.none()
        if has_region_role(user):
            return self.filter(Q(pk__in=self.of_member(user).values("pk")) | ~Q(state=State.DRAFT))
        return self.of_member(user)

    def of_member(self, user):
        """Applications whose accepted member structures count `user` among their people: « Mes dossiers »."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            participations__status="accepted", participations__organisation__memberships__user=user
        ).distinct()

    def drafts(self):
        return self.filter(state=State.DRAFT)


def next_number(year):
    prefix = f"DEF-{year}-"
    last = (
        Application.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True)
    ).first()
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


class Application(models.Model):
    """The dossier a consortium writes together and submits to a wave of the call."""

    wave = models.ForeignKey("calls.Wave", on_delete=models.PROTECT, related_name="applications", verbose_name="vague")
    number = models.CharField("numéro", max_length=20, unique=True, editable=False)
    state = models.CharField("état", max_length=30, choices=State.choices, default=State.DRAFT, db_index=True)
    # Identity.
    title = models.CharField("titre du projet", max_length=200)
    summary = models.TextField("résumé", blank=True)
    # Territory.
    communes = models.ManyToManyField(
        "territories.Commune", related_name="applications", verbose_name="lieux d'activité", blank=True
    )
    epci = models.ForeignKey(
        "territories.EPCI", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="EPCI"
    )
    # Publics.
    publics = models.JSONField("publics visés", default=list, blank=True)
    publics_other = models.CharField("autres publics", max_length=255, blank=True)
    # Project.
    pedagogy = models.TextField("approche pédagogique", blank=True)
    innovation = models.TextField("caractère innovant", blank=True)
    pooling = models.TextField("mutualisation des équipements et des ressources", blank=True)
    spaces = models.TextField("espaces et équipements prévus", blank=True)
    start_on = models.DateField("début du projet", null=True, blank=True)
    end_on = models.DateField("fin du projet", null=True, blank=True)
    # Collaboration.
    version = models.PositiveIntegerField("version", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="créé par"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="modifié par"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", default=timezone.now)
    # Submission.
    submitted_at = models.DateTimeField("déposé le", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snapshot = models.JSONField("dossier figé au dépôt", null=True, blank=True)
    eligibility_at_submission = models.JSONField("éligibilité au dépôt", null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "dossier"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(start_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="application_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(submitted_at__isnull=False), name="application_submitted_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.title}"

    def save(self, *args, **kwargs):
        if self.number:
            return super().save(*args, **kwargs)
        # Two dossiers created at the same instant: the unique number decides, the loser takes the next one.
        for _attempt in range(5):
            self.number = next_number(timezone.now().astimezone(PARIS).year)
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                self.pk = None
        raise IntegrityError("Impossible d'attribuer un numéro de dossier.")

    def get_absolute_url(self):
        return reverse("applications:detail", args=[self.number])

    @property
    def is_draft(self):
        return self.state == State.DRAFT

    @property
    def is_editable(self):
        return self.state in EDITABLE_STATES

    @property
    def lead(self):
        return next((p for p in self.accepted_participations() if p.is_lead), None)

    def accepted_participations(self):
        """Accepted participations, lead first; uses the prefetched list when there is one."""
        participations = [p for p in self.participations.all() if p.status == "accepted"]
        return sorted(participations, key=lambda p: (not p.is_lead, p.role != "member", p.organisation.name))

    def get_publics_display(self):
        labels = [Public(code).label for code in self.publics if code in Public.values]
        if Public.OTHER in self.publics and self.publics_other:
            labels[-1] = f"{Public.OTHER.label} : {self.publics_other}"
        return labels


class ApplicationTransition(models.Model):
    """One change of state of a dossier: who, when, from, to, why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField("état de départ", max_length=30, choices=State.choices)
    to_state = models.CharField("nouvel état", max_length=30, choices=State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField("date", default=timezone.now)
    motivation = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement d'état"
        verbose_name_plural = "changements d'état"
        ordering = ["application", "at", "pk"]

    def __str__(self):
        return f"{self.application.number} : {self.from_state} → {self.to_state}"
