"""The call's extra questions (« questions complémentaires »), configured by the Region, and a dossier's answers."""

import secrets
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from deffinov.applications.bounds import AMOUNT_LIMIT, CENT

# Bounds of a number question: what a form may accept, whatever the Region configures.
NUMBER_LIMIT = AMOUNT_LIMIT - CENT


class QuestionKind(models.TextChoices):
    TEXT = "text", "Texte court"
    LONG_TEXT = "long_text", "Texte long"
    NUMBER = "number", "Nombre"
    CHOICE = "choice", "Choix dans une liste"
    FILE = "file", "Fichier"


class ExtraQuestionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class ExtraQuestion(models.Model):
    """A question every dossier of the call answers, beside the dossier's own sections."""

    call = models.ForeignKey(
        "calls.Call", on_delete=models.CASCADE, related_name="extra_questions", verbose_name="appel à projets"
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    label = models.CharField("question", max_length=255)
    help_text = models.CharField("aide", max_length=500, blank=True)
    kind = models.CharField("type de réponse", max_length=20, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    required = models.BooleanField(
        "réponse obligatoire", default=False, help_text="Le dossier ne peut pas être déposé sans réponse."
    )
    active = models.BooleanField(
        "active", default=True, help_text="Décochez pour retirer la question des dossiers sans perdre les réponses."
    )
    unit = models.CharField("unité", max_length=40, blank=True, help_text="Pour un nombre : « apprenants », « m² »…")
    min_value = models.DecimalField(
        "minimum", max_digits=12, decimal_places=2, null=True, blank=True, help_text="Pour un nombre (facultatif)."
    )
    max_value = models.DecimalField(
        "maximum", max_digits=12, decimal_places=2, null=True, blank=True, help_text="Pour un nombre (facultatif)."
    )
    options = models.TextField(
        "choix proposés", blank=True, help_text="Pour un choix dans une liste : un choix par ligne."
    )

    objects = ExtraQuestionQuerySet.as_manager()

    class Meta:
        verbose_name = "question complémentaire"
        verbose_name_plural = "questions complémentaires"
        ordering = ["call", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__isnull=True) | Q(min_value__gte=0), name="extra_question_min_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(max_value__isnull=True) | Q(max_value__lt=AMOUNT_LIMIT),
                name="extra_question_max_bounded",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def choices(self):
        """The options, one per line, in order, without blanks nor repeats."""
        return list(dict.fromkeys(line.strip() for line in self.options.splitlines() if line.strip()))

    @property
    def lowest(self):
        return self.min_value if self.min_value is not None else Decimal(0)

    @property
    def highest(self):
        return self.max_value if self.max_value is not None else NUMBER_LIMIT

    def clean(self):
        errors = {}
        if self.kind == QuestionKind.CHOICE and len(self.choices) < 2:
            errors["options"] = "Indiquez au moins deux choix, un par ligne."
        if any(len(choice) > 255 for choice in self.choices):
            errors["options"] = "Chaque choix tient en 255 caractères au plus."
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            errors["max_value"] = "Le maximum doit être supérieur ou égal au minimum."
        if self.pk:
            stored = ExtraQuestion.objects.filter(pk=self.pk).values_list("kind", flat=True).first()
            if stored and stored != self.kind and self.answers.exists():
                errors["kind"] = (
                    "Des dossiers ont déjà répondu à cette question : son type de réponse ne peut plus changer. "
                    "Désactivez-la et créez-en une autre."
                )
        if errors:
            raise ValidationError(errors)


def answer_path(instance, filename):
    """A path nobody can guess; the original name is kept in the row only."""
    return f"dossiers/reponses/{secrets.token_hex(16)}{PurePosixPath(filename).suffix.lower()}"


class ExtraAnswer(models.Model):
    """A dossier's answer to one extra question: the field of the question's kind is filled, the others empty."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="extra_answers", verbose_name="dossier"
    )
    question = models.ForeignKey(
        ExtraQuestion, on_delete=models.PROTECT, related_name="answers", verbose_name="question"
    )
    text = models.TextField("texte", blank=True)
    number = models.DecimalField("nombre", max_digits=12, decimal_places=2, null=True, blank=True)
    choice = models.CharField("choix", max_length=255, blank=True)
    file = models.FileField("fichier", upload_to=answer_path, max_length=200, blank=True)
    original_name = models.CharField("nom du fichier", max_length=150, blank=True)
    size = models.PositiveBigIntegerField("taille (octets)", null=True, blank=True)
    content_type = models.CharField("type de contenu", max_length=100, blank=True)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True)
    updated_at = models.DateTimeField("modifiée le", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "réponse à une question complémentaire"
        verbose_name_plural = "réponses aux questions complémentaires"
        ordering = ["application", "question__position", "question__pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | (Q(number__gte=0) & Q(number__lt=AMOUNT_LIMIT)),
                name="extra_answer_number_bounded",
            ),
        ]

    def __str__(self):
        return f"{self.application.number} – {self.question.label}"

    @property
    def is_empty(self):
        return not (self.text.strip() or self.number is not None or self.choice or self.file)
