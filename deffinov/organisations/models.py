import secrets
from datetime import timedelta

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from deffinov.organisations.kinds import Kind
from deffinov.organisations.validators import validate_nda, validate_siret, validate_uai


class OrganisationQuerySet(models.QuerySet):
    def of_kind(self, kind):
        if connection.vendor == "postgresql":
            return self.filter(kinds__contains=[kind])
        # SQLite has no JSON containment: the list is stored as JSON text.
        return self.filter(kinds__icontains=f'"{kind}"')

    def administered_by(self, user):
        return self.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)

    def of_user(self, user):
        return self.filter(memberships__user=user)


class Organisation(models.Model):
    siret = models.CharField("SIRET", max_length=14, unique=True, validators=[validate_siret])
    siren = models.CharField("SIREN", max_length=9, db_index=True, editable=False)
    name = models.CharField("raison sociale", max_length=255)
    legal_form = models.CharField("forme juridique", max_length=100, blank=True)
    kinds = models.JSONField("types de structure", default=list)
    address = models.CharField("adresse", max_length=255, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.PROTECT, related_name="organisations", verbose_name="commune"
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    created_on = models.DateField("date de création")
    place_opened_on = models.DateField(
        "date d'ouverture du lieu",
        null=True,
        blank=True,
        help_text="Pour un tiers-lieu : la date à laquelle le lieu a ouvert ses portes.",
    )
    nda = models.CharField(
        "numéro de déclaration d'activité (NDA)", max_length=11, blank=True, validators=[validate_nda]
    )
    uai = models.CharField("UAI", max_length=8, blank=True, validators=[validate_uai])
    qualiopi = models.BooleanField("certifiée Qualiopi", default=False)
    qualiopi_certified_on = models.DateField("date de certification Qualiopi", null=True, blank=True)
    website = models.URLField("site web", blank=True)
    description = models.TextField("présentation", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(siret__regex=r"^[0-9]{14}$"), name="organisation_siret_14_digits"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.siren = self.siret[:9]
        if self.latitude is None and self.commune_id:
            self.latitude, self.longitude = self.commune.latitude, self.commune.longitude
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.pk])

    def has_kind(self, kind):
        return kind in self.kinds

    def get_kinds_display(self):
        return [Kind(kind).label for kind in self.kinds if kind in Kind.values]

    @property
    def is_tiers_lieu(self):
        return Kind.TIERS_LIEU in self.kinds


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", "Administrateur"
        MEMBER = "member", "Membre"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "membre de la structure"
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


def invitation_token():
    return secrets.token_urlsafe(32)


def invitation_expiry():
    return timezone.now() + timedelta(days=14)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A colleague invited by email to join a structure."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("adresse électronique")
    role = models.CharField("rôle", max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=invitation_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()
