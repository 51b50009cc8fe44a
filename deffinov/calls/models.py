import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

PARIS = ZoneInfo("Europe/Paris")


def end_of_day_in_paris(day):
    """A closing *date* means the end of that day, 23:59:59 Paris time."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=PARIS)


def start_of_day_in_paris(day):
    return dt.datetime.combine(day, dt.time(0, 0, 0), tzinfo=PARIS)


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Call(models.Model):
    """A call for projects, with every rule of the call stored as data."""

    slug = models.SlugField("identifiant", unique=True)
    title = models.CharField("titre", max_length=255)
    short_title = models.CharField("titre court", max_length=80)
    summary = models.TextField("résumé")
    objectives = models.TextField("objectifs", help_text="Un objectif par ligne.")
    who_may_apply = models.TextField("qui peut candidater", help_text="Un paragraphe par ligne.")
    funder = models.CharField("financeur", max_length=150, default="Région Normandie")
    is_published = models.BooleanField("publié", default=True)

    # Money.
    grant_min = models.DecimalField("subvention minimale (€)", max_digits=12, decimal_places=2, default=Decimal(50_000))
    grant_max = models.DecimalField(
        "subvention maximale (€)", max_digits=12, decimal_places=2, default=Decimal(200_000)
    )
    cofinancing_floor = models.DecimalField(
        "taux de cofinancement minimal",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.30"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Part du budget éligible non couverte par la subvention, par exemple 0,30 pour 30 %.",
    )
    cofinancing_floor_exception = models.DecimalField(
        "taux de cofinancement minimal par dérogation du comité",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.20"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    communication_cap_rate = models.DecimalField(
        "plafond des dépenses de communication (part du budget)",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.10"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    de_minimis_ceiling = models.DecimalField(
        "plafond des aides de minimis sur 3 ans (€)", max_digits=12, decimal_places=2, default=Decimal(300_000)
    )
    # Duration.
    duration_min_months = models.PositiveSmallIntegerField("durée minimale (mois)", default=12)
    duration_max_months = models.PositiveSmallIntegerField("durée maximale (mois)", default=36)
    programme_ends_on = models.DateField("fin du programme", default=dt.date(2026, 12, 31))
    # Territory.
    eligible_departments = models.ManyToManyField(
        "territories.Department", related_name="calls", verbose_name="départements éligibles"
    )
    # Composition.
    min_tiers_lieu_members = models.PositiveSmallIntegerField("nombre minimal de tiers-lieux", default=1)
    min_training_members = models.PositiveSmallIntegerField("nombre minimal d'acteurs de la formation", default=1)
    min_distinct_members = models.PositiveSmallIntegerField(
        "nombre minimal de membres distincts (SIREN différents)", default=2
    )
    seniority_months = models.PositiveSmallIntegerField("ancienneté minimale des membres (mois)", default=12)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = "appel à projets"
        verbose_name_plural = "appels à projets"
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(grant_min__gte=0), name="call_grant_min_positive"),
            models.CheckConstraint(condition=Q(grant_max__gte=F("grant_min")), name="call_grant_range_ordered"),
            models.CheckConstraint(
                condition=Q(duration_max_months__gte=F("duration_min_months")), name="call_duration_range_ordered"
            ),
        ]

    def __str__(self):
        return self.short_title

    def get_absolute_url(self):
        return reverse("calls:detail", args=[self.slug])

    def objective_list(self):
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    def who_may_apply_list(self):
        return [line.strip() for line in self.who_may_apply.splitlines() if line.strip()]

    def current_wave(self, at=None):
        """The open wave, else the next one, else the latest."""
        at = at or timezone.now()
        waves = list(self.waves.all())
        for wave in waves:
            if wave.is_open(at):
                return wave
        upcoming = [wave for wave in waves if wave.opens_at > at]
        if upcoming:
            return min(upcoming, key=lambda wave: wave.opens_at)
        return max(waves, key=lambda wave: wave.closes_at, default=None)


class TiersLieuCriterion(models.Model):
    """One of the criteria a tiers-lieu declares, with a justification, to count as such."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="tiers_lieu_criteria")
    code = models.SlugField("code", max_length=50)
    label = models.CharField("libellé", max_length=200)
    help_text = models.TextField("aide", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "critère tiers-lieu"
        verbose_name_plural = "critères tiers-lieu"
        ordering = ["call", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="criterion_code_unique_per_call")]

    def __str__(self):
        return self.label


class Wave(models.Model):
    class Status(models.TextChoices):
        UPCOMING = "upcoming", "À venir"
        OPEN = "open", "Ouverte"
        CLOSED = "closed", "Clôturée"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="waves", verbose_name="appel à projets")
    number = models.PositiveSmallIntegerField("numéro")
    slug = models.SlugField("identifiant", unique=True)
    title = models.CharField("titre", max_length=200)
    opens_at = models.DateTimeField("ouverture")
    closes_at = models.DateTimeField(
        "clôture", help_text="Heure de Paris. Une date de clôture s'entend jusqu'à 23 h 59 min 59 s ce jour-là."
    )
    envelope = models.DecimalField("enveloppe (€)", max_digits=12, decimal_places=2, default=0)
    committee_on = models.DateField("comité de sélection", null=True, blank=True)
    committee_note = models.CharField("précision sur le comité", max_length=200, blank=True)
    laureates_count = models.PositiveSmallIntegerField("nombre de lauréats", null=True, blank=True)
    is_demo = models.BooleanField(
        "vague de démonstration", default=False, help_text="Vague fictive, pour essayer la plateforme."
    )

    class Meta:
        verbose_name = "vague"
        ordering = ["call", "opens_at"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="wave_number_unique_per_call"),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="wave_closes_after_opening"),
            models.CheckConstraint(condition=Q(envelope__gte=0), name="wave_envelope_positive"),
        ]

    def __str__(self):
        return f"{self.call.short_title} – {self.title}"

    def is_open(self, at=None):
        at = (at or timezone.now()).replace(microsecond=0)
        return self.opens_at <= at <= self.closes_at

    def status(self, at=None):
        at = (at or timezone.now()).replace(microsecond=0)
        if at < self.opens_at:
            return self.Status.UPCOMING
        if at <= self.closes_at:
            return self.Status.OPEN
        return self.Status.CLOSED

    def get_status_display(self):
        return self.Status(self.status()).label


class Event(models.Model):
    """An animation event of the call: launch day, webinars, with replays."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="events")
    title = models.CharField("titre", max_length=200)
    kind = models.CharField("type", max_length=30, choices=[("day", "Journée"), ("webinar", "Webinaire")])
    happens_on = models.DateField("date")
    description = models.TextField("description", blank=True)
    replay_url = models.URLField("lien du replay", blank=True)

    class Meta:
        verbose_name = "événement"
        ordering = ["call", "happens_on"]

    def __str__(self):
        return self.title


class Resource(models.Model):
    """A document or a link published with the call."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", "Document de l'appel"
        FURTHER = "further", "Pour aller plus loin"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    title = models.CharField("titre", max_length=255)
    url = models.URLField("adresse")
    file_format = models.CharField("format", max_length=20, blank=True, help_text="Par exemple « PDF ».")
    description = models.CharField("description", max_length=255, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "document ou ressource"
        verbose_name_plural = "documents et ressources"
        ordering = ["call", "kind", "position"]

    def __str__(self):
        return self.title
