"""Partner ads (« annonces ») of the structures, and the threads in which structures contact each other."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse

from deffinov.matchmaking.vocabulary import CONTRIBUTION_PHRASES, Contribution, domain_label
from deffinov.organisations.kinds import Kind

MIN_RADIUS_KM = 1
MAX_RADIUS_KM = 200
DEFAULT_RADIUS_KM = 50
TITLE_MAX_LENGTH = 120
DESCRIPTION_MAX_LENGTH = 2000
MESSAGE_MAX_LENGTH = 2000


class AdStatus(models.TextChoices):
    PUBLISHED = "published", "Publiée"
    PAUSED = "paused", "En pause"
    CLOSED = "closed", "Close"


class AdQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=AdStatus.PUBLISHED)

    def of_user(self, user):
        """The ads of the structures `user` belongs to."""
        return self.filter(organisation__memberships__user=user)


class Ad(models.Model):
    """What a structure seeks in a partner and what it offers, around a commune."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="partner_ads", verbose_name="structure"
    )
    title = models.CharField("titre", max_length=TITLE_MAX_LENGTH)
    sought_kinds = models.JSONField("types de partenaires recherchés", default=list)
    seeks = models.JSONField("ce que la structure recherche", default=list, blank=True)
    offers = models.JSONField("ce que la structure propose", default=list, blank=True)
    domains = models.JSONField("domaines de formation", default=list)
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.PROTECT, related_name="partner_ads", verbose_name="commune"
    )
    # The commune's centre, copied so that a search reads one indexed table.
    latitude = models.FloatField(editable=False)
    longitude = models.FloatField(editable=False)
    radius_km = models.PositiveSmallIntegerField("rayon (km)", default=DEFAULT_RADIUS_KM)
    description = models.TextField("description", max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    status = models.CharField("statut", max_length=20, choices=AdStatus.choices, default=AdStatus.PUBLISHED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = AdQuerySet.as_manager()

    class Meta:
        verbose_name = "annonce de partenariat"
        verbose_name_plural = "annonces de partenariat"
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["status", "latitude", "longitude"], name="ad_status_coordinates")]
        constraints = [
            models.CheckConstraint(
                condition=Q(radius_km__gte=MIN_RADIUS_KM, radius_km__lte=MAX_RADIUS_KM), name="ad_radius_1_200_km"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), DESCRIPTION_MAX_LENGTH), name="ad_description_bounded"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.organisation})"

    def save(self, *args, **kwargs):
        self.latitude, self.longitude = float(self.commune.latitude or 0), float(self.commune.longitude or 0)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("matchmaking:ad", args=[self.pk])

    @property
    def is_published(self):
        return self.status == AdStatus.PUBLISHED

    def sought_kinds_display(self):
        return [Kind(kind).label for kind in self.sought_kinds if kind in Kind.values]

    def domains_display(self):
        return [domain_label(code) for code in self.domains]

    def seeks_display(self):
        return [Contribution(value).label for value in self.seeks if value in Contribution.values]

    def offers_display(self):
        return [Contribution(value).label for value in self.offers if value in Contribution.values]

    @staticmethod
    def contribution_phrase(value):
        return CONTRIBUTION_PHRASES.get(value, value)


class Thread(models.Model):
    """A structure writes to another one about its ad; both sides answer in the same thread."""

    ad = models.ForeignKey(Ad, on_delete=models.CASCADE, related_name="threads", verbose_name="annonce")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="partner_threads",
        verbose_name="structure qui écrit",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="écrit par"
    )
    created_at = models.DateTimeField("commencée le", auto_now_add=True, db_index=True)
    # The ad's structure answered: from then on both sides see each other's email addresses.
    answered_at = models.DateTimeField("réponse le", null=True, blank=True)
    last_message_at = models.DateTimeField("dernier message le", null=True, blank=True)

    class Meta:
        verbose_name = "conversation"
        ordering = ["-last_message_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["ad", "organisation"], name="thread_one_per_ad_and_structure")]

    def __str__(self):
        return f"{self.organisation} → {self.ad}"

    def get_absolute_url(self):
        return reverse("matchmaking:thread", args=[self.pk])

    @property
    def contacts_shared(self):
        return self.answered_at is not None


class ThreadMessage(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages", verbose_name="conversation")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="partner_messages"
    )
    # The author wrote for the ad's structure (True) or for the structure that wrote first (False).
    from_ad_side = models.BooleanField(default=False)
    body = models.TextField("message", max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField("envoyé le", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "message de partenariat"
        verbose_name_plural = "messages de partenariat"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["author", "created_at"], name="partner_message_author_time")]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), MESSAGE_MAX_LENGTH), name="partner_message_bounded"
            )
        ]

    def __str__(self):
        return f"{self.author} – {self.created_at:%Y-%m-%d %H:%M}"
