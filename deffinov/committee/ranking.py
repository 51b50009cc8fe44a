"""The committee's view of a session: the agenda ranked by score, amounts cumulated against the wave's envelope,
and the balance between départements."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from deffinov.applications.models import Application
from deffinov.committee.figures import with_figures
from deffinov.committee.models import Decision


@dataclass
class Row:
    rank: int
    item: object
    application: object
    score: float | None
    requested: Decimal
    proposed: Decimal
    cumulative_requested: Decimal = Decimal(0)
    cumulative_proposed: Decimal = Decimal(0)
    crosses_envelope: bool = False  # the row where the cumulative proposed amount goes over the envelope
    beyond_envelope: bool = False
    department: str | None = None
    decision: object = None

    @property
    def committed(self):
        if self.decision is not None:
            return self.decision.amount_granted or Decimal(0)
        return self.proposed


@dataclass
class DepartmentLine:
    department: object
    count: int = 0
    requested: Decimal = Decimal(0)
    proposed: Decimal = Decimal(0)
    granted: Decimal = Decimal(0)
    share: Decimal | None = None  # proposed amount / envelope


@dataclass
class Ranking:
    envelope: Decimal
    rows: list = field(default_factory=list)
    departments: list = field(default_factory=list)

    @property
    def total_requested(self):
        return sum((row.requested for row in self.rows), Decimal(0))

    @property
    def total_proposed(self):
        return sum((row.proposed for row in self.rows), Decimal(0))

    @property
    def total_granted(self):
        return sum(
            (row.decision.amount_granted for row in self.rows if row.decision and row.decision.amount_granted),
            Decimal(0),
        )

    @property
    def total_committed(self):
        """What the envelope carries: the amount granted for a decided dossier (nothing when it is rejected or
        dismissed), the proposed amount for the others."""
        return sum((row.committed for row in self.rows), Decimal(0))

    @property
    def remaining(self):
        return self.envelope - self.total_committed

    @property
    def missing_departments(self):
        return [line.department for line in self.departments if line.count == 0]


def sort_key(row):
    """Best weighted mean first; unscored dossiers last; then the smaller request, then the number."""
    return (row.score is None, -(row.score or 0), row.requested, row.application.number)


def rank(items, envelope):
    """`items`: agenda items whose application carries the annotations of `with_figures`."""
    rows = []
    for item in items:
        application = item.application
        requested = application.requested_amount or Decimal(0)
        proposed = item.proposed_amount if item.proposed_amount is not None else requested
        decisions = list(application.decisions.all())
        rows.append(
            Row(
                rank=0,
                item=item,
                application=application,
                score=application.weighted_mean,
                requested=requested,
                proposed=proposed,
                department=application.lead_department,
                decision=decisions[0] if decisions else None,
            )
        )
    rows.sort(key=sort_key)
    cumulative_requested = cumulative_proposed = Decimal(0)
    for position, row in enumerate(rows, start=1):
        row.rank = position
        cumulative_requested += row.requested
        cumulative_proposed += row.proposed
        row.cumulative_requested = cumulative_requested
        row.cumulative_proposed = cumulative_proposed
        row.beyond_envelope = cumulative_proposed > envelope
        row.crosses_envelope = row.beyond_envelope and cumulative_proposed - row.proposed <= envelope
    return rows


def department_lines(rows, departments, envelope):
    """One line per eligible département of the call (and any other département met), in code order."""
    lines = {department.code: DepartmentLine(department) for department in departments}
    for row in rows:
        code = row.department or "?"
        line = lines.setdefault(code, DepartmentLine(code))
        line.count += 1
        line.requested += row.requested
        line.proposed += row.proposed
        if row.decision and row.decision.amount_granted:
            line.granted += row.decision.amount_granted
    for line in lines.values():
        line.share = line.proposed / envelope if envelope else None
    return [lines[code] for code in sorted(lines)]


def agenda_items(session):
    decisions = Decision.objects.filter(session=session).select_related("decided_by").order_by("-decided_at", "-pk")
    applications = with_figures(Application.objects.all()).prefetch_related(Prefetch("decisions", queryset=decisions))
    return session.agenda.prefetch_related(Prefetch("application", queryset=applications))


def session_ranking(session):
    envelope = session.wave.envelope
    rows = rank(agenda_items(session), envelope)
    departments = session.wave.call.eligible_departments.all()
    return Ranking(envelope=envelope, rows=rows, departments=department_lines(rows, departments, envelope))
