import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone

# The code of the lead's bank details, which experts never see.
BANK_DETAILS = "rib"


def document_path(instance, filename):
    """A path nobody can guess; the original name is kept in the row only."""
    return f"dossiers/{secrets.token_hex(16)}{PurePosixPath(filename).suffix.lower()}"


def receipt_path(instance, filename):
    return f"accuses/{secrets.token_hex(16)}.pdf"


class Document(models.Model):
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="documents")
    participation = models.ForeignKey(
        "applications.Participation", on_delete=models.CASCADE, related_name="documents", verbose_name="structure"
    )
    # The code of one of the call's document requirements (calls.DocumentRequirement), or « autre ».
    kind = models.CharField("type de document", max_length=20)
    file = models.FileField("fichier", upload_to=document_path, max_length=200)
    original_name = models.CharField("nom du fichier", max_length=150)
    size = models.PositiveBigIntegerField("taille (octets)")
    content_type = models.CharField("type de contenu", max_length=100)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField("déposé le", default=timezone.now)

    class Meta:
        verbose_name = "pièce justificative"
        verbose_name_plural = "pièces justificatives"
        ordering = ["participation", "kind", "-uploaded_at"]

    def __str__(self):
        return self.original_name

    def get_kind_display(self):
        """The label the call gives this document's kind (read through the dossier already loaded, if any)."""
        holder = self
        if Document.participation.is_cached(self) and type(self.participation).application.is_cached(
            self.participation
        ):
            holder = self.participation
        return holder.application.wave.call.document_label(self.kind)


class Receipt(models.Model):
    """The accusé de réception of a submission (PDF)."""

    application = models.OneToOneField("applications.Application", on_delete=models.CASCADE, related_name="receipt")
    file = models.FileField("fichier PDF", upload_to=receipt_path, max_length=200)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "accusé de réception"
        verbose_name_plural = "accusés de réception"

    def __str__(self):
        return f"Accusé de réception {self.application.number}"


class ReminderSent(models.Model):
    """A deadline reminder already sent for a draft: the unique pair makes the daily command safe to run twice."""

    class Kind(models.TextChoices):
        SEVEN_DAYS = "7d", "7 jours avant la clôture"
        TWO_DAYS = "2d", "2 jours avant la clôture"

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("rappel", max_length=3, choices=Kind.choices)
    sent_at = models.DateTimeField("envoyé le", auto_now_add=True)

    class Meta:
        verbose_name = "rappel envoyé"
        verbose_name_plural = "rappels envoyés"
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="reminder_sent_unique")]

    def __str__(self):
        return f"{self.application.number} – {self.get_kind_display()}"
