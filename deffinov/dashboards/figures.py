"""The programme's figures, as tables: one query per table whatever the number of waves, départements or projects.

Each table is what a chart draws and what the page shows beside it, and what the CSV and XLSX exports hold.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from deffinov.applications.models import Participation, State
from deffinov.calls.models import Wave
from deffinov.grants.models import FundedProject, ProjectState
from deffinov.payments.models import Tranche, TrancheState
from deffinov.utils.spreadsheets import Column

ZERO = Decimal(0)


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    columns: list
    rows: list
    chart: tuple = ()  # indexes of the money or count columns the chart draws, side by side

    @property
    def total(self):
        """The sum of each numeric column (None for text)."""
        return [
            None
            if column.kind == "text"
            else sum((row[i] or 0 for row in self.rows), ZERO if column.kind == "money" else 0)
            for i, column in enumerate(self.columns)
        ]


def paid_by(field):
    """Paid amounts grouped by `field` (a path from the funded project)."""
    return dict(
        Tranche.objects.filter(state=TrancheState.PAID)
        .values_list(f"project__{field}")
        .annotate(paid=Sum("amount"))
        .values_list(f"project__{field}", "paid")
    )


def by_wave():
    waves = (
        Wave.objects.select_related("call")
        .annotate(
            dossiers=Count("applications", filter=~Q(applications__state=State.DRAFT)),
            projects=Count("applications__funded_project"),
            granted=Sum(
                "applications__funded_project__amount_granted",
                filter=~Q(applications__funded_project__state=ProjectState.TERMINATED),
            ),
        )
        .order_by("call__title", "number")
    )
    paid = paid_by("application__wave")
    rows = []
    for wave in waves:
        granted = wave.granted or ZERO
        spent = paid.get(wave.pk, ZERO)
        rows.append(
            (
                wave.title,
                wave.dossiers,
                wave.projects,
                granted,
                wave.envelope or ZERO,
                spent,
                max(granted - spent, ZERO),
            )
        )
    columns = [
        Column("Vague"),
        Column("Dossiers déposés", "count"),
        Column("Projets financés", "count"),
        Column("Montant engagé (€)", "money"),
        Column("Enveloppe (€)", "money"),
        Column("Versé (€)", "money"),
        Column("Reste à verser (€)", "money"),
    ]
    return Table("vagues", "Dossiers et subventions par vague", columns, rows, chart=(4, 3, 5))


def lead_department():
    return "application__participations__organisation__commune__department"


def by_department():
    leads = Q(application__participations__is_lead=True)
    projects = (
        FundedProject.objects.filter(leads)
        .values(f"{lead_department()}__code", f"{lead_department()}__name")
        .annotate(
            projects=Count("pk"),
            granted=Sum("amount_granted", filter=~Q(state=ProjectState.TERMINATED)),
        )
        .order_by(f"{lead_department()}__code")
    )
    paid = dict(
        Tranche.objects.filter(state=TrancheState.PAID, project__application__participations__is_lead=True)
        .values_list(f"project__{lead_department()}__code")
        .annotate(paid=Sum("amount"))
        .values_list(f"project__{lead_department()}__code", "paid")
    )
    rows = [
        (
            f"{row[f'{lead_department()}__name']} ({row[f'{lead_department()}__code']})",
            row["projects"],
            row["granted"] or ZERO,
            paid.get(row[f"{lead_department()}__code"], ZERO),
        )
        for row in projects
    ]
    columns = [
        Column("Département du chef de file"),
        Column("Projets financés", "count"),
        Column("Montant engagé (€)", "money"),
        Column("Versé (€)", "money"),
    ]
    return Table("departements", "Projets financés par département", columns, rows, chart=(2, 3))


def by_state():
    counts = dict(FundedProject.objects.values_list("state").annotate(count=Count("pk")).values_list("state", "count"))
    rows = [(state.label, counts.get(state.value, 0)) for state in ProjectState]
    return Table("etats", "Projets financés par état", [Column("État"), Column("Projets", "count")], rows, chart=(1,))


@dataclass(frozen=True)
class Place:
    number: str
    title: str
    commune: str
    latitude: float
    longitude: float
    amount: Decimal
    url: str = ""


def project_places(queryset=None):
    """Each funded project at its lead's commune (the map's points)."""
    queryset = queryset if queryset is not None else FundedProject.objects.all()
    lead = Participation.objects.filter(is_lead=True)
    rows = (
        queryset.filter(application__participations__in=lead)
        .exclude(application__participations__organisation__commune__latitude=None)
        .values_list(
            "application__number",
            "application__title",
            "application__participations__organisation__commune__name",
            "application__participations__organisation__commune__latitude",
            "application__participations__organisation__commune__longitude",
            "amount_granted",
        )
        .order_by("application__number")
    )
    return [Place(n, t, c, float(lat), float(lon), amount) for n, t, c, lat, lon, amount in rows]


TABLES = {"vagues": by_wave, "departements": by_department, "etats": by_state}
