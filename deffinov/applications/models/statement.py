from django.conf import settings
from django.db import models
from django.utils import timezone


class SwornStatement(models.Model):
    """The attestation sur l'honneur the chef de file's signer gives when submitting: who, when, the exact text."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="sworn_statements", verbose_name="dossier"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="signataire"
    )
    signer_name = models.CharField("nom du signataire", max_length=255)
    signer_email = models.EmailField("adresse du signataire")
    organisation_name = models.CharField("structure chef de file", max_length=255)
    signed_at = models.DateTimeField("attestée le", default=timezone.now)
    text = models.TextField("texte attesté")

    class Meta:
        verbose_name = "attestation sur l'honneur"
        verbose_name_plural = "attestations sur l'honneur"
        ordering = ["application", "signed_at", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(text=""), name="sworn_statement_has_text")]

    def __str__(self):
        return f"{self.application.number} – {self.signer_name}"

    def as_dict(self):
        return {
            "text": self.text,
            "signer": self.signer_name,
            "signer_email": self.signer_email,
            "organisation": self.organisation_name,
            "signed_at": self.signed_at.isoformat(),
        }
