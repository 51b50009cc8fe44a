from django.db import models


class Email(models.Model):
    """Every email is stored here before a background task sends it."""

    to = models.JSONField("destinataires", default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    from_email = models.CharField("expéditeur", max_length=255)
    subject = models.CharField("objet", max_length=998)
    body_text = models.TextField("texte")
    body_html = models.TextField("HTML", blank=True)
    # Attachments as a list of {"filename", "mimetype", "content_b64"}.
    attachments = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    last_error = models.TextField("dernière erreur", blank=True)

    class Meta:
        verbose_name = "courriel"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sent_at"], name="email_sent_at")]

    def __str__(self):
        return self.subject
