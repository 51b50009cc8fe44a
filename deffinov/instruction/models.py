"""What the Region's instructors add to a dossier: assignments, labels, private annotations,
correction requests, and the message thread shared with the consortium."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone

User = settings.AUTH_USER_MODEL


class Assignment(models.Model):
    """An instructor in charge of a dossier; a dossier may have several."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="assignments", verbose_name="dossier"
    )
    instructor = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="assignments", verbose_name="instructeur"
    )
    assigned_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    assigned_at = models.DateTimeField("attribué le", default=timezone.now)

    class Meta:
        verbose_name = "attribution"
        ordering = ["application", "instructor__last_name", "instructor__first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "instructor"], name="assignment_unique")]

    def __str__(self):
        return f"{self.application.number} → {self.instructor}"


class LabelColour(models.TextChoices):
    """Presets whose text keeps a contrast of at least 7:1 on their background."""

    BLUE = "blue", "Bleu"
    GREEN = "green", "Vert"
    ORANGE = "orange", "Orange"
    RED = "red", "Rouge"
    PURPLE = "purple", "Violet"
    GREY = "grey", "Gris"


class Label(models.Model):
    """A tag the instructors of a call put on dossiers (« à revoir », « territoire rural »…)."""

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="labels", verbose_name="appel")
    name = models.CharField("nom", max_length=60)
    colour = models.CharField("couleur", max_length=10, choices=LabelColour.choices, default=LabelColour.BLUE)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    applications = models.ManyToManyField(
        "applications.Application", through="ApplicationLabel", related_name="labels", blank=True
    )

    class Meta:
        verbose_name = "étiquette"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["call", "name"], name="label_unique_per_call")]

    def __str__(self):
        return self.name


class ApplicationLabel(models.Model):
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    label = models.ForeignKey(Label, on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "label"], name="application_label_unique")]

    def __str__(self):
        return f"{self.application_id} – {self.label}"


class Annotation(models.Model):
    """A private note of the Region on a dossier, never shown to the consortium."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="annotations")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField("note")
    created_at = models.DateTimeField("écrite le", default=timezone.now)

    class Meta:
        verbose_name = "annotation"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.application.number} – {self.body[:40]}"


class CorrectionRequest(models.Model):
    """A dossier sent back to the consortium, and what changed when it came back."""

    class Reason(models.TextChoices):
        INCOMPLETE = "incomplete", "Dossier incomplet"
        INCORRECT = "incorrect", "Informations erronées"
        OUTDATED = "outdated", "Pièces ou informations périmées"

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="correction_requests"
    )
    reason = models.CharField("motif", max_length=20, choices=Reason.choices)
    details = models.TextField("ce qui doit être corrigé")
    due_on = models.DateField("à renvoyer avant le")
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField("demandée le", default=timezone.now)
    resubmitted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    resubmitted_at = models.DateTimeField("renvoyé le", null=True, blank=True)
    previous_snapshot = models.JSONField("dossier avant correction", null=True, blank=True)
    changes = models.JSONField("modifications", default=list, blank=True)

    class Meta:
        verbose_name = "demande de correction"
        verbose_name_plural = "demandes de correction"
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.application.number} – {self.get_reason_display()}"

    @property
    def is_open(self):
        return self.resubmitted_at is None


class Message(models.Model):
    """One message of the thread between the consortium and the Region about a dossier."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    from_region = models.BooleanField("écrit par la Région", default=False)
    body = models.TextField("message")
    created_at = models.DateTimeField("envoyé le", default=timezone.now)

    class Meta:
        verbose_name = "message"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application.number} – {self.body[:40]}"


def attachment_path(instance, filename):
    return f"messages/{secrets.token_hex(16)}{PurePosixPath(filename).suffix.lower()}"


class MessageAttachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("fichier", upload_to=attachment_path, max_length=200)
    original_name = models.CharField("nom du fichier", max_length=150)
    size = models.PositiveBigIntegerField("taille (octets)")
    content_type = models.CharField("type de contenu", max_length=100)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)

    class Meta:
        verbose_name = "pièce jointe"
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class PendingNotification(models.Model):
    """A message someone must be told about; a digest email sends all of a person's pending ones at once."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "notification en attente"
        verbose_name_plural = "notifications en attente"
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "message"], name="notification_unique")]
        indexes = [models.Index(fields=["recipient", "sent_at"], name="notification_pending")]

    def __str__(self):
        return f"{self.recipient} – message {self.message_id}"
