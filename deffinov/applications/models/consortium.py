import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from deffinov.applications.bounds import AMOUNT_LIMIT
from deffinov.organisations.validators import validate_siret


class Participation(models.Model):
    """A structure taking part in a consortium, as a counted member or an associated partner."""

    class Role(models.TextChoices):
        MEMBER = "member", "Membre"
        ASSOCIATED = "associated", "Partenaire associé"

    class Status(models.TextChoices):
        INVITED = "invited", "Invitée"
        ACCEPTED = "accepted", "Acceptée"
        DECLINED = "declined", "Déclinée"

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="participations", verbose_name="dossier"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name="structure",
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.MEMBER)
    is_lead = models.BooleanField("chef de file", default=False)
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField("invitée le", default=timezone.now)
    answered_at = models.DateTimeField("réponse le", null=True, blank=True)
    de_minimis_received = models.DecimalField(
        "aides de minimis reçues sur 3 ans (€)", max_digits=12, decimal_places=2, default=0
    )
    grant_share = models.DecimalField(
        "part de la subvention", max_digits=5, decimal_places=4, default=0, help_text="Entre 0 et 1."
    )

    class Meta:
        verbose_name = "participation"
        ordering = ["application", "-is_lead", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "organisation"], name="participation_unique"),
            models.UniqueConstraint(
                fields=["application"], condition=Q(is_lead=True), name="participation_one_lead_per_application"
            ),
            models.CheckConstraint(condition=Q(de_minimis_received__gte=0), name="participation_de_minimis_positive"),
            models.CheckConstraint(
                condition=Q(de_minimis_received__lt=AMOUNT_LIMIT), name="participation_de_minimis_bounded"
            ),
            models.CheckConstraint(
                condition=Q(grant_share__gte=0) & Q(grant_share__lte=1), name="participation_grant_share_range"
            ),
            models.CheckConstraint(
                condition=Q(is_lead=False) | (Q(role="member") & Q(status="accepted")),
                name="participation_lead_is_accepted_member",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def counted(self):
        return self.role == self.Role.MEMBER

    @property
    def role_label(self):
        return "Chef de file" if self.is_lead else self.get_role_display()


class CriterionDeclaration(models.Model):
    """A tiers-lieu member's justification of one of the call's criteria."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="declarations")
    criterion = models.ForeignKey(
        "calls.TiersLieuCriterion", on_delete=models.CASCADE, related_name="+", verbose_name="critère"
    )
    justification = models.TextField("justification", blank=True)

    class Meta:
        verbose_name = "déclaration de critère"
        constraints = [
            models.UniqueConstraint(fields=["participation", "criterion"], name="declaration_unique"),
        ]

    def __str__(self):
        return f"{self.participation.organisation} – {self.criterion}"


def invitation_token():
    return secrets.token_urlsafe(32)


def invitation_expiry():
    return timezone.now() + timedelta(days=14)


class PartnerInvitation(models.Model):
    """An invitation sent by email to a structure that is not registered yet, identified by its SIRET."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="partner_invitations"
    )
    email = models.EmailField("adresse électronique")
    siret = models.CharField("SIRET", max_length=14, validators=[validate_siret])
    role = models.CharField("rôle", max_length=20, choices=Participation.Role.choices, default="member")
    token = models.CharField(max_length=64, unique=True, default=invitation_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    participation = models.OneToOneField(
        Participation, on_delete=models.SET_NULL, null=True, blank=True, related_name="partner_invitation"
    )

    class Meta:
        verbose_name = "invitation d'une structure partenaire"
        verbose_name_plural = "invitations de structures partenaires"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(siret__regex=r"^[0-9]{14}$"), name="partner_invitation_siret_digits"),
        ]

    def __str__(self):
        return f"{self.email} ({self.siret}) → {self.application.number}"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()
