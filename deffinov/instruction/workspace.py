"""The instructors' list of dossiers: amounts, members, labels and instructors in a constant number of queries,
filters and sorts that all live in the URL."""

import importlib

from django.apps import apps
from django.db.models import Count, DecimalField, Exists, F, FloatField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, NullIf

from deffinov.applications.models import Application, ExpenseLine, Participation, ResourceLine, State
from deffinov.instruction.access import instruction_queryset
from deffinov.instruction.models import Assignment, Label

SORTS = {
    "number": "number",
    "title": "title",
    "amount": "requested_amount",
    "cofinancing": "cofinancing_rate",
    "submitted": "submitted_at",
}
PAGE_SIZE = 50


def _sum_of(model, **filters):
    money = DecimalField(max_digits=14, decimal_places=2)
    total = (
        model.objects.filter(application=OuterRef("pk"), **filters)
        .order_by()
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=money), Value(0), output_field=money)


def score_hook():
    """`annotate_weighted_mean(queryset)` of the reviews app when it offers one (it annotates `weighted_mean`)."""
    if not apps.is_installed("deffinov.reviews"):
        return None
    for module_name in ("deffinov.reviews", "deffinov.reviews.scoring", "deffinov.reviews.models"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if hasattr(module, "annotate_weighted_mean"):
            return module.annotate_weighted_mean
    return None


def with_list_columns(queryset):
    """Everything a row of the list shows, whatever the number of rows."""
    accepted = (
        Participation.objects.filter(status="accepted")
        .select_related("organisation")
        .order_by("-is_lead", "role", "organisation__name")
    )
    return (
        queryset.select_related("wave")
        .annotate(
            requested_amount=_sum_of(ResourceLine, kind=ResourceLine.Kind.REQUESTED_GRANT),
            total_expenses=_sum_of(ExpenseLine),
        )
        .annotate(
            cofinancing_rate=Value(1.0)
            - Cast(F("requested_amount"), FloatField()) / NullIf(Cast(F("total_expenses"), FloatField()), 0.0)
        )
        .prefetch_related(
            Prefetch("participations", queryset=accepted, to_attr="accepted_members"),
            Prefetch("labels", queryset=Label.objects.order_by("name")),
            Prefetch("assignments", queryset=Assignment.objects.select_related("instructor")),
        )
    )


def filter_dossiers(queryset, data, user, *, with_state=True):
    """Apply the cleaned filters of `WorkspaceFilterForm` (`data`)."""
    if with_state and data.get("state"):
        queryset = queryset.filter(state=data["state"])
    if data.get("departement"):
        # The département of the places of activity, as the call's territory rule reads it.
        places = Application.communes.through.objects.filter(
            application_id=OuterRef("pk"), commune__department_id=data["departement"]
        )
        queryset = queryset.filter(Exists(places))
    if data.get("eligibility") == "eligible":
        queryset = queryset.filter(eligibility_at_submission__eligible=True)
    elif data.get("eligibility") == "ineligible":
        queryset = queryset.filter(eligibility_at_submission__eligible=False)
    instructor = data.get("instructor")
    if instructor == "me":
        queryset = queryset.filter(Exists(Assignment.objects.filter(application=OuterRef("pk"), instructor=user)))
    elif instructor == "none":
        queryset = queryset.filter(~Exists(Assignment.objects.filter(application=OuterRef("pk"))))
    elif instructor:
        queryset = queryset.filter(
            Exists(Assignment.objects.filter(application=OuterRef("pk"), instructor_id=instructor))
        )
    if data.get("label"):
        queryset = queryset.filter(
            Exists(Label.applications.through.objects.filter(application_id=OuterRef("pk"), label=data["label"]))
        )
    hook = score_hook()
    if hook is not None and (data.get("score_min") is not None or data.get("score_max") is not None):
        queryset = hook(queryset)
        if data.get("score_min") is not None:
            queryset = queryset.filter(weighted_mean__gte=data["score_min"])
        if data.get("score_max") is not None:
            queryset = queryset.filter(weighted_mean__lte=data["score_max"])
    text = (data.get("q") or "").strip()
    if text:
        members = Participation.objects.filter(
            application_id=OuterRef("pk"), status="accepted", organisation__name__icontains=text
        )
        queryset = queryset.filter(Q(title__icontains=text) | Q(number__icontains=text) | Exists(members))
    return queryset


def sort_dossiers(queryset, sort):
    descending = sort.startswith("-")
    field = SORTS.get(sort.lstrip("-"), "number")
    expression = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
    return queryset.order_by(expression, "pk")


def wave_dossiers(wave):
    return instruction_queryset().filter(wave=wave)


def counts_by_state(queryset):
    """{state: count} of the dossiers, drafts never among them."""
    rows = queryset.order_by().values("state").annotate(count=Count("pk"))
    counts = {row["state"]: row["count"] for row in rows}
    return [(state, label, counts.get(state, 0)) for state, label in State.choices if state != State.DRAFT]
