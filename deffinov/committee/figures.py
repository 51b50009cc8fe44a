"""Amounts and scores of dossiers computed in SQL: one query for a whole list, whatever its length.

The cofinancing rate is the engine's (`deffinov.eligibility.engine.cofinancing_rate` / `cofinancing_met`, exact);
pages write it with `deffinov.formatting.percent`, which rounds down and so never reads across a floor."""

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from deffinov.applications.models import ExpenseLine, Participation, ResourceLine
from deffinov.reviews.scoring import annotate_weighted_mean

MONEY = DecimalField(max_digits=14, decimal_places=2)


def _total(model, **filters):
    total = (
        model.objects.filter(application=OuterRef("pk"), **filters)
        .order_by()
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=MONEY), Value(Decimal(0)), output_field=MONEY)


def with_figures(queryset):
    """Annotate `requested_amount`, `total_expenses`, `weighted_mean` and `lead_department` (INSEE code)."""
    lead_department = Participation.objects.filter(application=OuterRef("pk"), is_lead=True).values(
        "organisation__commune__department"
    )[:1]
    queryset = queryset.annotate(
        requested_amount=_total(ResourceLine, kind=ResourceLine.Kind.REQUESTED_GRANT),
        total_expenses=_total(ExpenseLine),
        lead_department=Subquery(lead_department),
    )
    return annotate_weighted_mean(queryset)
