from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from deffinov.applications.bounds import AMOUNT_LIMIT


class ExpenseLine(models.Model):
    """An expense of the project, carried by one member. Buildings are not funded."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="expenses")
    participation = models.ForeignKey(
        "applications.Participation", on_delete=models.CASCADE, related_name="expenses", verbose_name="membre"
    )
    # The code of one of the call's budget categories (calls.BudgetCategory), kept if the call renames it.
    category = models.CharField("catégorie", max_length=30)
    label = models.CharField("libellé", max_length=200)
    amount = models.DecimalField("montant (€)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    in_kind = models.BooleanField(
        "apport en nature", default=False, help_text="Temps de travail ou locaux mis à disposition, valorisés."
    )

    class Meta:
        verbose_name = "dépense"
        ordering = ["application", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="expense_amount_positive"),
            models.CheckConstraint(condition=Q(amount__lt=AMOUNT_LIMIT), name="expense_amount_bounded"),
        ]

    def __str__(self):
        return self.label

    def get_category_display(self):
        """The label the call gives this line's category."""
        return self.application.wave.call.budget_category_label(self.category)


class ResourceLine(models.Model):
    class Kind(models.TextChoices):
        REQUESTED_GRANT = "requested_grant", "Subvention demandée à la Région"
        OWN_FUNDS = "own_funds", "Autofinancement"
        OTHER_PUBLIC = "other_public", "Autres financements publics"
        PRIVATE = "private", "Financements privés"
        IN_KIND = "in_kind", "Apports en nature (valorisation)"

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    label = models.CharField("libellé", max_length=200)
    amount = models.DecimalField("montant (€)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    # An in-kind contribution is entered once, as an expense: its resource follows it (see applications.budget).
    in_kind_expense = models.OneToOneField(
        ExpenseLine,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="in_kind_resource",
        verbose_name="dépense valorisée",
    )

    class Meta:
        verbose_name = "ressource"
        ordering = ["application", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_kind_expense__isnull=True) | Q(kind="in_kind"), name="resource_of_in_kind_expense"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="resource_amount_positive"),
            models.CheckConstraint(condition=Q(amount__lt=AMOUNT_LIMIT), name="resource_amount_bounded"),
        ]

    def __str__(self):
        return self.label
