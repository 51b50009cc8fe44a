import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deffinov.organisations.addressees import Addressee, addressee
from deffinov.organisations.kinds import UAI_KINDS, Kind
from deffinov.organisations.legal_forms import LegalForm
from deffinov.organisations.validators import validate_nda, validate_siret, validate_uai

# Code of the errors raised when a field is required by the kinds ticked.
REQUIRED_BY_KIND = "required_by_kind"


class MembershipError(Exception):
    """A change of members refused by a rule of the structure; the message is for the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class LastAdminError(MembershipError):
    pass


class AlreadyMemberError(MembershipError):
    pass


class InvitationUnavailableError(MembershipError):
    pass


class InvitationForSomebodyElseError(MembershipError):
    """The signed-in account does not hold the invited address."""

    def __init__(self):
        super().__init__(
            _(
                "Cette invitation a été envoyée à une autre adresse électronique que celle de votre compte : "
                "seule la personne invitée peut l'accepter. Si elle vous était destinée, déconnectez-vous puis "
                "connectez-vous (ou créez votre compte) avec l'adresse qui a reçu le courriel d'invitation."
            )
        )


class AddressNotConfirmedError(MembershipError):
    """The signed-in account holds the invited address but has not confirmed it yet."""

    def __init__(self, email):
        self.email = email
        super().__init__(
            _(
                "Confirmez d'abord votre adresse %(email)s : cliquez sur le lien du courriel de confirmation, "
                "puis revenez sur cette invitation."
            )
            % {"email": email}
        )


def check_addressee(user, email):
    """Raise unless `user` holds the invited `email`, confirmed."""
    relation = addressee(user, email)
    if relation is Addressee.SOMEBODY_ELSE:
        raise InvitationForSomebodyElseError()
    if relation is Addressee.UNCONFIRMED:
        raise AddressNotConfirmedError(email)


class SiretAlreadyRegisteredError(MembershipError):
    def __init__(self, organisation):
        self.organisation = organisation
        super().__init__(siret_already_registered_message(organisation))


def siret_already_registered_message(organisation):
    name = organisation.name if organisation else _("la structure")
    return _(
        "Ce SIRET est déjà inscrit sur la plateforme (%(name)s). "
        "Demandez à un administrateur de cette structure de vous inviter à la rejoindre ; "
        "si vous en êtes le responsable et que personne ne peut vous inviter, revendiquez-la."
    ) % {"name": name}


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


class IdentitySource(models.TextChoices):
    SIRENE = "sirene", "Vérifiée au répertoire SIRENE"
    MANUAL = "manual", "Saisie à la main, non vérifiée"


class Organisation(models.Model):
    siret = models.CharField("SIRET", max_length=14, unique=True, validators=[validate_siret])
    siren = models.CharField("SIREN", max_length=9, db_index=True, editable=False)
    name = models.CharField("raison sociale", max_length=255)
    legal_form = models.CharField("forme juridique", max_length=100, blank=True, choices=LegalForm.choices)
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
    naf_code = models.CharField("code NAF", max_length=6, blank=True)
    administrative_state = models.CharField(
        "état administratif", max_length=1, blank=True, choices=[("A", "Actif"), ("F", "Fermé")]
    )
    identity_source = models.CharField(
        "source de l'identité", max_length=10, choices=IdentitySource.choices, default=IdentitySource.MANUAL
    )
    identity_checked_at = models.DateTimeField("identité vérifiée le", null=True, blank=True)
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

    def clean(self):
        """The rules that depend on the kinds ticked and on today's date, with an error on each field."""
        errors = {}
        kinds = self.kinds or []
        unknown = [kind for kind in kinds if kind not in Kind.values]
        if not kinds:
            errors["kinds"] = ValidationError(_("Cochez au moins un type de structure."), code="required")
        elif unknown:
            errors["kinds"] = ValidationError(
                _("Type de structure inconnu : %(kinds)s.") % {"kinds": ", ".join(map(str, unknown))}
            )
        if Kind.TIERS_LIEU in kinds and not self.place_opened_on:
            errors["place_opened_on"] = ValidationError(
                _("Indiquez la date d'ouverture du lieu : elle est obligatoire pour un tiers-lieu."),
                code=REQUIRED_BY_KIND,
            )
        if Kind.ORGANISME_FORMATION in kinds and not self.nda:
            errors["nda"] = ValidationError(
                _(
                    "Indiquez le numéro de déclaration d'activité (NDA) : "
                    "il est obligatoire pour un organisme de formation."
                ),
                code=REQUIRED_BY_KIND,
            )
        if UAI_KINDS.intersection(kinds) and not self.uai:
            errors["uai"] = ValidationError(
                _(
                    "Indiquez l'UAI de l'établissement : il est obligatoire pour un CFA, "
                    "un lycée professionnel ou un établissement scolaire."
                ),
                code=REQUIRED_BY_KIND,
            )
        if self.qualiopi and not self.qualiopi_certified_on:
            errors["qualiopi_certified_on"] = ValidationError(
                _("Indiquez la date de certification Qualiopi."), code=REQUIRED_BY_KIND
            )
        today = timezone.localdate()
        for field, message in [
            ("created_on", _("La date de création ne peut pas être dans le futur.")),
            ("place_opened_on", _("La date d'ouverture du lieu ne peut pas être dans le futur.")),
            ("qualiopi_certified_on", _("La date de certification Qualiopi ne peut pas être dans le futur.")),
        ]:
            value = getattr(self, field)
            if value and value > today and field not in errors:
                errors[field] = ValidationError(message, code="future")
        if errors:
            raise ValidationError(errors)

    @property
    def identity_verified(self):
        return self.identity_source == IdentitySource.SIRENE

    def take_identity(self, identity):
        """What the SIRENE register says replaces what was typed: a SIRET registers under its own name only."""
        for field in ("name", "legal_form", "address", "postcode", "naf_code"):
            value = getattr(identity, field)
            if value:
                setattr(self, field, value)
        if identity.created_on:
            self.created_on = identity.created_on
        self.administrative_state = identity.state
        self.identity_source = IdentitySource.SIRENE
        self.identity_checked_at = timezone.now()

    def has_kind(self, kind):
        return kind in self.kinds

    def get_kinds_display(self):
        return [Kind(kind).label for kind in self.kinds if kind in Kind.values]

    @property
    def is_tiers_lieu(self):
        return Kind.TIERS_LIEU in self.kinds

    # Members and invitations.

    def register(self, creator):
        """Save a new structure with its creator as first administrator; one structure per SIRET."""
        try:
            with transaction.atomic():
                self.save()
                self.memberships.create(user=creator, role=Membership.Role.ADMIN)
        except IntegrityError:
            existing = Organisation.objects.filter(siret=self.siret).first()
            if existing is None:
                raise
            self.pk = None
            raise SiretAlreadyRegisteredError(existing) from None
        return self

    def invite(self, email, role, invited_by):
        """Invite a person by email; a second invitation to the same address refreshes the first one.

        Returns (invitation, created).
        """
        email = email.strip().lower()
        if self.memberships.filter(user__email__iexact=email).exists():
            raise AlreadyMemberError(
                _("%(email)s est déjà membre de la structure %(name)s.") % {"email": email, "name": self.name}
            )
        with transaction.atomic():
            invitation = (
                self.invitations.select_for_update().filter(email__iexact=email, accepted_at__isnull=True).first()
            )
            if invitation:
                invitation.refresh(role=role, invited_by=invited_by)
                return invitation, False
            invitation = self.invitations.create(email=email, role=role, invited_by=invited_by)
            return invitation, True

    def change_role(self, membership, role):
        with transaction.atomic():
            admins = list(self._locked_admins())
            if membership.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN and admins == [membership.pk]:
                raise LastAdminError(
                    _("%(person)s est le seul administrateur de la structure : nommez d'abord un autre administrateur.")
                    % {"person": membership.user}
                )
            membership.role = role
            membership.save(update_fields=["role"])

    def remove_member(self, membership):
        with transaction.atomic():
            admins = list(self._locked_admins())
            if membership.role == Membership.Role.ADMIN and admins == [membership.pk]:
                raise LastAdminError(
                    _(
                        "%(person)s est le seul administrateur de la structure : "
                        "nommez d'abord un autre administrateur avant de le retirer."
                    )
                    % {"person": membership.user}
                )
            membership.delete()

    def _locked_admins(self):
        # Locking the admin rows serialises two admins demoting each other at the same time.
        return (
            self.memberships.select_for_update()
            .filter(role=Membership.Role.ADMIN)
            .order_by("pk")
            .values_list("pk", flat=True)
        )


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
        verbose_name_plural = "membres de la structure"
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self):
        return self.role == self.Role.ADMIN


def role_phrase(role):
    """« en tant qu'administrateur », « en tant que membre »: how a sentence names a role."""
    return _("en tant qu'administrateur") if role == Membership.Role.ADMIN else _("en tant que membre")


INVITATION_VALIDITY = timedelta(days=14)


def invitation_token():
    return secrets.token_urlsafe(32)


def invitation_expiry():
    return timezone.now() + INVITATION_VALIDITY


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
    expires_at = models.DateTimeField("expire le", default=invitation_expiry)
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address and structure: inviting again refreshes it.
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                condition=Q(accepted_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self):
        return reverse("organisations:invitation_accept", args=[self.token])

    @property
    def role_phrase(self):
        return role_phrase(self.role)

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_accepted(self):
        return self.accepted_at is not None

    @property
    def accept_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    def refresh(self, role, invited_by):
        self.role = role
        self.invited_by = invited_by
        self.expires_at = invitation_expiry()
        self.save(update_fields=["role", "invited_by", "expires_at"])

    def unavailable_reason(self):
        if self.is_accepted:
            return _("Cette invitation a déjà été utilisée.")
        if self.is_expired:
            expired = timezone.localtime(self.expires_at).strftime("%d/%m/%Y")
            return _(
                "Cette invitation a expiré le %(date)s. "
                "Demandez à un administrateur de la structure de vous inviter à nouveau."
            ) % {"date": expired}
        return None

    def accept(self, user):
        """The invited person joins the structure with the invited role; returns the membership.

        Only the account that holds the invited address, confirmed, may accept (whoever else holds the link)."""
        with transaction.atomic():
            invitation = Invitation.objects.select_for_update().get(pk=self.pk)
            reason = invitation.unavailable_reason()
            if reason:
                raise InvitationUnavailableError(reason)
            check_addressee(user, invitation.email)
            membership, created = Membership.objects.get_or_create(
                user=user, organisation_id=invitation.organisation_id, defaults={"role": invitation.role}
            )
            if not created and invitation.role == Membership.Role.ADMIN and not membership.is_admin:
                membership.role = Membership.Role.ADMIN
                membership.save(update_fields=["role"])
            invitation.accepted_at = timezone.now()
            invitation.accepted_by = user
            invitation.save(update_fields=["accepted_at", "accepted_by"])
        self.accepted_at, self.accepted_by = invitation.accepted_at, user
        return membership


from deffinov.organisations.claims import Claim  # noqa: E402, F401  (a model of this app, in its own file)
