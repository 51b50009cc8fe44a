"""Equipment and teaching resources that structures lend each other (« mutualisation »), and their loans.

One row per item: a « série » of headsets is several items. A loan names its dates (whole days, Paris); the loans
that hold an item (reserved, picked up, overdue) never overlap for one item — `deffinov.loans.workflow` checks it
under a row lock on the item.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.bounds import AMOUNT_LIMIT


class ItemKind(models.TextChoices):
    VR_HEADSET = "vr_headset", "Casque de réalité virtuelle"
    FABLAB_MACHINE = "fablab_machine", "Machine de fablab"
    KIT = "kit", "Kit pédagogique"
    LAPTOP = "laptop", "Ordinateur portable"
    ELEARNING = "elearning", "Module e-learning"
    LICENCE = "licence", "Licence logicielle"


class Audience(models.TextChoices):
    CONSORTIUM = "consortium", "Le collectif : les structures d'un même dossier ou projet"
    NETWORK = "network", "Tout le réseau : toute structure inscrite"
    PUBLIC = "public", "Tout public : toute personne ayant un compte"


class LoanState(models.TextChoices):
    PENDING = "pending", "Demandé"
    RESERVED = "reserved", "Réservé"
    ACTIVE = "active", "En cours"
    OVERDUE = "overdue", "En retard"
    RETURNED = "returned", "Rendu"
    CANCELLED = "cancelled", "Annulé"


# The loans that hold the item for their dates: two of them never overlap.
HOLDING_STATES = (LoanState.RESERVED, LoanState.ACTIVE, LoanState.OVERDUE)
# The loans that count as lent (« équipements mutualisés »).
LENT_STATES = (*HOLDING_STATES, LoanState.RETURNED)


class Item(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="loan_items", verbose_name="structure"
    )
    kind = models.CharField("type", max_length=20, choices=ItemKind.choices)
    name = models.CharField("nom", max_length=200)
    description = models.TextField("description", blank=True, validators=[MaxLengthValidator(3000)])
    deposit = models.DecimalField("caution", max_digits=10, decimal_places=2, default=0)
    audience = models.CharField("qui peut emprunter", max_length=20, choices=Audience.choices, default=Audience.NETWORK)
    pickup_place = models.ForeignKey(
        "network.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loan_items",
        verbose_name="lieu de retrait",
    )
    available = models.BooleanField(
        "proposé au prêt", default=True, help_text="Décochez pour retirer l'objet du catalogue sans l'effacer."
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)

    class Meta:
        verbose_name = "objet prêté"
        verbose_name_plural = "objets prêtés"
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deposit__gte=0, deposit__lt=AMOUNT_LIMIT), name="loan_item_deposit_bounded"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("loans:item", args=[self.pk])


class Loan(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="loans", verbose_name="objet")
    # The structure borrowing; none when a person borrows in their own name (items open to the public).
    borrower = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="borrowed_loans",
        verbose_name="structure emprunteuse",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="loan_requests", verbose_name="demandé par"
    )
    starts_on = models.DateField("du")
    ends_on = models.DateField("au")
    message = models.TextField("message", blank=True, validators=[MaxLengthValidator(2000)])
    state = models.CharField("état", max_length=20, choices=LoanState.choices, default=LoanState.PENDING, db_index=True)
    requested_at = models.DateTimeField("demandé le", default=timezone.now)

    class Meta:
        verbose_name = "prêt"
        ordering = ["starts_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="loan_dates")]
        indexes = [models.Index(fields=["item", "state", "starts_on"], name="loan_item_state_start")]

    def __str__(self):
        return f"{self.item} – {self.borrower_name}"

    def get_absolute_url(self):
        return reverse("loans:loan", args=[self.pk])

    @property
    def borrower_name(self):
        return self.borrower.name if self.borrower_id else self.requested_by.get_full_name() or self.requested_by.email

    def overlaps(self, starts_on, ends_on):
        return self.starts_on <= ends_on and starts_on <= self.ends_on


class LoanTransition(models.Model):
    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="transitions", verbose_name="prêt")
    from_state = models.CharField("de", max_length=20, choices=LoanState.choices, blank=True)
    to_state = models.CharField("vers", max_length=20, choices=LoanState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="par"
    )
    at = models.DateTimeField("le")
    motivation = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement d'état d'un prêt"
        verbose_name_plural = "changements d'état des prêts"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.loan} : {self.from_state or '–'} → {self.to_state}"


class LoanReminder(models.Model):
    class Kind(models.TextChoices):
        DAY_BEFORE = "day_before", "la veille du retour"
        OVERDUE = "overdue", "en retard"

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="reminders", verbose_name="prêt")
    kind = models.CharField("rappel", max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField("envoyé le")

    class Meta:
        verbose_name = "rappel de retour"
        constraints = [models.UniqueConstraint(fields=["loan", "kind"], name="loan_reminder_once")]

    def __str__(self):
        return f"{self.loan} : rappel {self.get_kind_display()}"
