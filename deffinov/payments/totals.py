"""Totals of the programme's grants against the envelope, per wave, département (of the lead) and call:
committed (granted to live and closed projects), paid, still to pay, recovered. A constant number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from deffinov.calls.models import Wave
from deffinov.grants.models import LIVE_STATES, FundedProject, ProjectState
from deffinov.payments.models import RecoveryOrder, Tranche, TrancheState

ZERO = Decimal(0)
COMMITTED_STATES = (*LIVE_STATES, ProjectState.CLOSED)


@dataclass(frozen=True)
class Total:
    key: str
    label: str
    envelope: Decimal | None  # per wave and call; None per département
    projects: int
    committed: Decimal
    paid: Decimal
    to_pay: Decimal
    recovered: Decimal


@dataclass(frozen=True)
class Totals:
    by_wave: list
    by_department: list
    by_call: list
    overall: Total


def totals(projects=None):
    """The totals over `projects` (every funded project by default), in 2 queries."""
    projects = FundedProject.objects.all() if projects is None else projects
    paid = (
        Tranche.objects.filter(project=OuterRef("pk"), state=TrancheState.PAID)
        .order_by()
        .values("project")
        .annotate(total=Sum("amount_paid"))
        .values("total")
    )
    recovered = (
        RecoveryOrder.objects.filter(project=OuterRef("pk"), state=RecoveryOrder.State.RECOVERED)
        .order_by()
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    # Each subquery is ordered by nothing: a model's default ordering would join the project and its dossier into it,
    # once per project.
    money = DecimalField(max_digits=14, decimal_places=2)
    rows = (
        projects.filter(application__participations__is_lead=True, application__participations__status="accepted")
        .annotate(
            paid_total=Coalesce(Subquery(paid, output_field=money), Value(ZERO), output_field=money),
            recovered_total=Coalesce(Subquery(recovered, output_field=money), Value(ZERO), output_field=money),
        )
        .order_by()
        .values(
            "state",
            "amount_granted",
            "paid_total",
            "recovered_total",
            "application__wave_id",
            "application__wave__call_id",
            "application__participations__organisation__commune__department__code",
            "application__participations__organisation__commune__department__name",
        )
    )
    waves = {wave.pk: wave for wave in Wave.objects.select_related("call")}
    groups = {"wave": defaultdict(list), "department": defaultdict(list), "call": defaultdict(list)}
    labels, all_rows = {}, []
    for row in rows:
        wave = waves[row["application__wave_id"]]
        code = row["application__participations__organisation__commune__department__code"] or "?"
        labels[("department", code)] = row["application__participations__organisation__commune__department__name"]
        groups["wave"][wave.pk].append(row)
        groups["department"][code].append(row)
        groups["call"][wave.call_id].append(row)
        all_rows.append(row)

    def total(key, label, envelope, members):
        committed = sum((r["amount_granted"] for r in members if r["state"] in COMMITTED_STATES), ZERO)
        paid_sum = sum((r["paid_total"] for r in members), ZERO)
        to_pay = sum(
            (max(r["amount_granted"] - r["paid_total"], ZERO) for r in members if r["state"] in LIVE_STATES), ZERO
        )
        recovered_sum = sum((r["recovered_total"] for r in members), ZERO)
        return Total(str(key), label, envelope, len(members), committed, paid_sum, to_pay, recovered_sum)

    calls = {}
    for wave in waves.values():
        calls.setdefault(wave.call_id, (wave.call, []))[1].append(wave)
    return Totals(
        by_wave=[
            total(pk, str(waves[pk]), waves[pk].envelope, members) for pk, members in sorted(groups["wave"].items())
        ],
        by_department=[
            total(code, labels[("department", code)] or code, None, members)
            for code, members in sorted(groups["department"].items())
        ],
        by_call=[
            total(pk, str(calls[pk][0]), sum((w.envelope for w in calls[pk][1]), ZERO), members)
            for pk, members in sorted(groups["call"].items())
        ],
        overall=total("all", "Ensemble", None, all_rows),
    )
