"""Indicators added up across projects, for the dashboards: two queries whatever the number of projects.

The figures counted are those of reports handed in (submitted) or accepted: each report gives the figures of its
own period (the interim report from the start to mid-term, the final report from mid-term to the end), so they add
up. Communes served are counted once per group, however many reports name them.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import TruncMonth

from deffinov.applications.models import Participation
from deffinov.formatting import PARIS
from deffinov.reports.models import IndicatorValue, Report, ReportState

COUNTED_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)
COMMUNES = "communes_desservies"
GROUPS = ("wave", "department", "month")


def _group(by, report_path):
    """The expression grouping rows reached through `report_path` (the report, from the row's model)."""
    if by is None:
        return Value("")
    if by == "wave":
        return F(f"{report_path}__project__application__wave")
    if by == "department":
        lead = Participation.objects.filter(
            application__funded_project__reports=OuterRef(f"{report_path}_id"), is_lead=True
        ).values("organisation__commune__department")[:1]
        return Subquery(lead)
    if by == "month":
        return TruncMonth(f"{report_path}__submitted_at", tzinfo=PARIS)
    raise ValueError(f"Regroupement inconnu : {by} (possibles : {', '.join(GROUPS)}).")


def _key(by, group):
    if by is None:
        return None
    if by == "month" and group is not None:
        return group.astimezone(PARIS).date() if hasattr(group, "astimezone") else group
    return group


def totals(projects, by=None):
    """{group: {indicator code: total}} over the reports of `projects` (a queryset of funded projects).

    `by`: None (one group, keyed None), "wave" (wave id), "department" (the lead's département code) or "month"
    (first day of the month the report was handed in, Paris). An indicator broken down by public has its total under
    its code and each public's under « code:public ». Totals are Decimals; communes served a count of communes."""
    counted = {"report__project__in": projects, "report__state__in": COUNTED_STATES}
    result = defaultdict(lambda: defaultdict(Decimal))
    rows = (
        IndicatorValue.objects.filter(**counted)
        .annotate(group=_group(by, "report"))
        .values("group", "indicator__code", "public")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for row in rows:
        figures = result[_key(by, row["group"])]
        figures[row["indicator__code"]] += row["total"]
        if row["public"]:
            figures[f"{row['indicator__code']}:{row['public']}"] += row["total"]
    served = (
        Report.communes.through.objects.filter(**counted)
        .annotate(group=_group(by, "report"))
        .values("group")
        .annotate(count=Count("commune", distinct=True))
        .order_by()
    )
    for row in served:
        result[_key(by, row["group"])][COMMUNES] = Decimal(row["count"])
    return {group: dict(figures) for group, figures in result.items()}
