import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

SCALE_MAX = 5

DEFAULT_GRID = [
    ("pertinence_territoriale", "Pertinence territoriale", 20, "Le projet répond-il aux besoins du territoire ?"),
    ("partenariat", "Qualité du partenariat", 20, "Complémentarité et engagement des membres du collectif."),
    ("innovation_pedagogique", "Innovation pédagogique", 15, "Nouvelles modalités de formation proposées."),
    ("publics", "Publics touchés", 15, "Nombre et diversité des publics, éloignement de la formation."),
    ("mutualisation", "Mutualisation des ressources", 10, "Équipements et ressources partagés entre membres."),
    ("perennite", "Pérennité", 10, "Le projet peut-il durer après la subvention ?"),
    ("coherence_budgetaire", "Cohérence budgétaire", 10, "Le budget est-il réaliste et proportionné ?"),
]


class ScoringCriterion(models.Model):
    """One criterion of a call's scoring grid, scored from 0 to 5 and weighted."""

    call = models.ForeignKey(
        "calls.Call", on_delete=models.CASCADE, related_name="scoring_criteria", verbose_name="appel à projets"
    )
    code = models.SlugField("code", max_length=50)
    label = models.CharField("libellé", max_length=150)
    help = models.TextField("aide", blank=True, help_text="Ce que l'évaluateur regarde pour noter ce critère.")
    weight = models.PositiveSmallIntegerField(
        "pondération", default=10, validators=[MinValueValidator(1)], help_text="Poids relatif du critère."
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "critère de notation"
        verbose_name_plural = "critères de notation"
        ordering = ["call", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="scoring_criterion_code_unique_per_call"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="scoring_criterion_weight_positive"),
        ]

    def __str__(self):
        return self.label


def ensure_default_grid(call):
    """Create the default grid of 7 weighted criteria when the call has none yet; return the call's criteria."""
    if not call.scoring_criteria.exists():
        ScoringCriterion.objects.bulk_create(
            ScoringCriterion(call=call, code=code, label=label, weight=weight, help=help_text, position=position)
            for position, (code, label, weight, help_text) in enumerate(DEFAULT_GRID)
        )
    return list(call.scoring_criteria.all())


class Review(models.Model):
    """One person's scoring of one dossier on the call's grid."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="reviews", verbose_name="dossier"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews", verbose_name="évaluateur"
    )
    is_expert = models.BooleanField("avis d'expert", default=False)
    updated_at = models.DateTimeField("modifiée le", default=timezone.now)

    class Meta:
        verbose_name = "notation"
        ordering = ["application", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="review_unique_per_reviewer")]

    def __str__(self):
        return f"{self.application.number} – {self.reviewer}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(
        "note", null=True, blank=True, validators=[MaxValueValidator(SCALE_MAX)], help_text="De 0 à 5."
    )
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "note"
        ordering = ["review", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_unique_per_criterion"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0, value__lte=SCALE_MAX), name="score_value_range"
            ),
        ]

    def __str__(self):
        return f"{self.criterion} : {self.value}"


def expert_token():
    return secrets.token_urlsafe(32)


class ExpertInvitationQuerySet(models.QuerySet):
    def of_expert(self, user):
        """The invitations `user` took up (whatever their state)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def pending_for_addresses(self, emails):
        """Invitations not taken up yet, sent to one of `emails` (the addresses a person confirmed, lower case)."""
        return self.alias(email_lower=Lower("email")).filter(
            user__isnull=True, status=ExpertInvitation.Status.INVITED, email_lower__in=[e.lower() for e in emails]
        )


class ExpertInvitation(models.Model):
    """An expert asked for an opinion on one dossier; their declaration, then their opinion."""

    class Status(models.TextChoices):
        INVITED = "invited", "Invité"
        ACCEPTED = "accepted", "Sans conflit d'intérêts déclaré"
        RECUSED = "recused", "Déporté"
        REVOKED = "revoked", "Révoqué"
        ANSWERED = "answered", "Avis rendu"

    class Verdict(models.TextChoices):
        FAVOURABLE = "favourable", "Favorable"
        RESERVED = "reserved", "Réservé"
        UNFAVOURABLE = "unfavourable", "Défavorable"

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="expert_invitations", verbose_name="dossier"
    )
    email = models.EmailField("adresse électronique de l'expert")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expert_invitations",
        verbose_name="compte de l'expert",
    )
    token = models.CharField(max_length=64, unique=True, default=expert_token, editable=False)
    deadline = models.DateField("date limite de l'avis")
    confidential = models.BooleanField(
        "avis confidentiel", default=False, help_text="L'avis n'est pas montré aux autres experts du dossier."
    )
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="invité par"
    )
    invited_at = models.DateTimeField("invité le", default=timezone.now)
    declared_at = models.DateTimeField("déclaration le", null=True, blank=True)
    recusal_reason = models.TextField("motif du déport", blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    reminded_at = models.DateTimeField("relancé le", null=True, blank=True)
    answered_at = models.DateTimeField("avis rendu le", null=True, blank=True)
    verdict = models.CharField("avis", max_length=20, choices=Verdict.choices, blank=True)
    opinion = models.TextField("avis motivé", blank=True)

    objects = ExpertInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation d'expert"
        verbose_name_plural = "invitations d'experts"
        ordering = ["application", "-invited_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="answered") | ~Q(verdict=""), name="expert_answer_has_verdict"),
        ]

    def __str__(self):
        return f"{self.email} → {self.application.number}"

    def get_absolute_url(self):
        return reverse("reviews:opinion", args=[self.pk])

    @property
    def is_open(self):
        """Still waiting for the expert: not revoked, not recused, not answered."""
        return self.status in (self.Status.INVITED, self.Status.ACCEPTED)

    @property
    def may_read_dossier(self):
        return self.status in (self.Status.ACCEPTED, self.Status.ANSWERED)
