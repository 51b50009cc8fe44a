"""The real owner of a SIRET registered by somebody else claims the structure.

requested → accepted (the claimant becomes an administrator) or refused. The structure's administrators decide;
without their answer after CLAIM_ANSWER_DAYS days, the Region's functional administrators do.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deffinov.audit.models import record
from deffinov.organisations.models import Membership, MembershipError, Organisation


class ClaimError(MembershipError):
    pass


class ClaimQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=Claim.State.REQUESTED)

    def awaiting_region(self):
        """Open claims the administrators left unanswered past the delay."""
        return self.open().filter(created_at__lte=timezone.now() - timedelta(days=settings.CLAIM_ANSWER_DAYS))


class Claim(models.Model):
    class State(models.TextChoices):
        REQUESTED = "requested", "Demandée"
        ACCEPTED = "accepted", "Acceptée"
        REFUSED = "refused", "Refusée"

    # The declared workflow: only an open claim is decided, once.
    TRANSITIONS = {State.REQUESTED: {State.ACCEPTED, State.REFUSED}}

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="claims")
    claimant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims")
    message = models.TextField("votre lien avec la structure")
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.REQUESTED)
    created_at = models.DateTimeField("demandée le", default=timezone.now)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by_region = models.BooleanField("décidée par la Région", default=False)
    reason = models.TextField("motif", blank=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = "revendication de structure"
        verbose_name_plural = "revendications de structure"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "claimant"], condition=Q(state="requested"), name="claim_one_open_per_person"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["requested", "accepted", "refused"]), name="claim_state_known"
            ),
            models.CheckConstraint(
                condition=Q(state="requested", decided_at__isnull=True)
                | (~Q(state="requested") & Q(decided_at__isnull=False)),
                name="claim_decided_when_closed",
            ),
        ]

    def __str__(self):
        return f"{self.claimant} → {self.organisation}"

    def get_absolute_url(self):
        return reverse("organisations:claim", args=[self.pk])

    @property
    def is_open(self):
        return self.state == self.State.REQUESTED

    @property
    def answer_due_at(self):
        return self.created_at + timedelta(days=settings.CLAIM_ANSWER_DAYS)

    @property
    def region_may_decide(self):
        return self.is_open and timezone.now() >= self.answer_due_at

    @classmethod
    def request(cls, organisation, claimant, message):
        if organisation.memberships.filter(user=claimant).exists():
            raise ClaimError(_("Vous êtes déjà membre de la structure %(name)s.") % {"name": organisation.name})
        with transaction.atomic():
            if cls.objects.open().filter(organisation=organisation, claimant=claimant).exists():
                raise ClaimError(
                    _("Votre demande pour la structure %(name)s est déjà en cours d'examen.")
                    % {"name": organisation.name}
                )
            claim = cls.objects.create(organisation=organisation, claimant=claimant, message=message.strip())
            claim._audit("requested", claimant, _("demande à administrer la structure"))
        return claim

    def decide(self, by, accept, reason="", as_region=False):
        """Accept or refuse; the claimant becomes an administrator when accepted."""
        target = self.State.ACCEPTED if accept else self.State.REFUSED
        with transaction.atomic():
            claim = Claim.objects.select_for_update().get(pk=self.pk)
            if target not in self.TRANSITIONS.get(claim.state, set()):
                raise ClaimError(_("Cette demande a déjà été traitée."))
            claim.state = target
            claim.decided_at = timezone.now()
            claim.decided_by = by
            claim.decided_by_region = as_region
            claim.reason = reason.strip()
            claim.save(update_fields=["state", "decided_at", "decided_by", "decided_by_region", "reason"])
            if accept:
                membership, created = Membership.objects.get_or_create(
                    user=claim.claimant, organisation=claim.organisation, defaults={"role": Membership.Role.ADMIN}
                )
                if not created and not membership.is_admin:
                    membership.role = Membership.Role.ADMIN
                    membership.save(update_fields=["role"])
            claim._audit(
                target,
                by,
                _("demande acceptée") if accept else _("demande refusée"),
                by_region=as_region,
                reason=claim.reason,
            )
        for field in ("state", "decided_at", "decided_by", "decided_by_region", "reason"):
            setattr(self, field, getattr(claim, field))
        return self

    def _audit(self, action, actor, summary, **data):
        record(
            f"organisations.claim_{action}",
            actor=actor,
            target=self,
            summary=f"{self.organisation.siret} {self.organisation.name} ({self.claimant}) : {summary}",
            data={"siret": self.organisation.siret, "claimant": self.claimant.email, **data},
        )
