from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def created_before(self, minutes):
        return self.filter(created_at__lt=timezone.now() - timedelta(minutes=minutes))


class Email(models.Model):
    """Every email is stored here before a background task sends it."""

    to = models.JSONField(_("destinataires"), default=list)
    cc = models.JSONField(_("copie"), default=list, blank=True)
    bcc = models.JSONField(_("copie cachée"), default=list, blank=True)
    reply_to = models.JSONField(_("répondre à"), default=list, blank=True)
    headers = models.JSONField(_("en-têtes"), default=dict, blank=True)
    from_email = models.CharField(_("expéditeur"), max_length=255)
    subject = models.CharField(_("objet"), max_length=998)
    body_text = models.TextField(_("texte"))
    body_html = models.TextField(_("HTML"), blank=True)
    # Attachments as a list of {"filename", "mimetype", "content_b64"}.
    attachments = models.JSONField(_("pièces jointes"), default=list, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    objects = EmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("courriel")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sent_at"], name="email_sent_at")]

    def __str__(self):
        return self.subject

    @property
    def is_sent(self):
        return self.sent_at is not None
