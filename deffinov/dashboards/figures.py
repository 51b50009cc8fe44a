"""The programme's figures, as tables: a constant number of queries whatever the number of waves, départements,
projects or reports.

Money comes from the payments' totals (`deffinov.payments.totals`), indicators from the reports
(`deffinov.reports.indicators`). Each table is what a chart draws, what the page shows beside it, and what the CSV
and XLSX exports hold.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.dates import MONTHS

from deffinov.applications.models import State
from deffinov.calls.models import Wave
from deffinov.formatting import PARIS, day
from deffinov.grants.models import FundedProject, ProjectState
from deffinov.payments.totals import totals
from deffinov.reports import indicators
from deffinov.reports.models import Indicator, Report
from deffinov.utils.spreadsheets import Column

ZERO = Decimal(0)
CENT = Decimal("0.01")
MONEY_COLUMNS = [
    Column("Montant engagé (€)", "money"),
    Column("Versé (€)", "money"),
    Column("Reste à verser (€)", "money"),
    Column("Reversé (€)", "money"),
]


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    columns: list
    rows: list
    chart: tuple = ()  # indexes of the money or count columns the chart draws, side by side
    summed: bool = False  # a « Total » line makes sense (same units in each column)

    @property
    def total(self):
        """The sum of each numeric column (None for text)."""
        return [
            None
            if column.kind == "text"
            else sum((row[i] or 0 for row in self.rows), ZERO if column.kind == "money" else 0)
            for i, column in enumerate(self.columns)
        ]


def cents(value):
    return (value or ZERO).quantize(CENT)


def money(total):
    return (cents(total.committed), cents(total.paid), cents(total.to_pay), cents(total.recovered))


def by_wave(figures=None):
    figures = figures or totals()
    money_of = {total.key: total for total in figures.by_wave}
    waves = Wave.objects.select_related("call").annotate(
        dossiers=Count("applications", filter=~Q(applications__state=State.DRAFT))
    )
    rows = []
    for wave in waves.order_by("call__title", "number"):
        total = money_of.get(str(wave.pk))
        projects = total.projects if total else 0
        amounts = money(total) if total else (ZERO, ZERO, ZERO, ZERO)
        rows.append((wave.title, wave.dossiers, projects, cents(wave.envelope), *amounts))
    columns = [
        Column("Vague"),
        Column("Dossiers déposés", "count"),
        Column("Projets financés", "count"),
        Column("Enveloppe (€)", "money"),
        *MONEY_COLUMNS,
    ]
    return Table("vagues", "Dossiers et subventions par vague", columns, rows, chart=(3, 4, 5), summed=True)


def by_department(figures=None):
    figures = figures or totals()
    rows = [(f"{total.label} ({total.key})", total.projects, *money(total)) for total in figures.by_department]
    columns = [Column("Département du chef de file"), Column("Projets financés", "count"), *MONEY_COLUMNS]
    return Table("departements", "Projets financés par département", columns, rows, chart=(2, 3), summed=True)


def by_state():
    counts = dict(FundedProject.objects.values_list("state").annotate(count=Count("pk")).values_list("state", "count"))
    rows = [(state.label, counts.get(state.value, 0)) for state in ProjectState]
    return Table(
        "etats",
        "Projets financés par état",
        [Column("État"), Column("Projets", "count")],
        rows,
        chart=(1,),
        summed=True,
    )


def indicator_columns():
    """(key in the totals, header, kind) for each part of each active indicator."""
    parts = []
    for indicator in Indicator.objects.filter(is_active=True):
        kind = "count" if indicator.kind != "decimal" else "number"
        if indicator.breakdown:
            parts += [
                (f"{indicator.code}:{code}", f"{indicator.label} : {label} ({indicator.unit})", kind)
                for code, label in indicator.parts
            ]
        parts.append(
            (indicator.code, f"{indicator.label}{' (total)' if indicator.breakdown else ''} ({indicator.unit})", kind)
        )
    return parts


def by_indicator():
    """Every indicator added up across the projects' reports handed in."""
    overall = indicators.totals(FundedProject.objects.all()).get(None, {})
    rows = [(header, overall.get(key, ZERO)) for key, header, _ in indicator_columns()]
    return Table("indicateurs", "Indicateurs, tous projets", [Column("Indicateur"), Column("Valeur", "number")], rows)


def indicators_by_month():
    """The main indicators per month the reports were handed in (Paris)."""
    by_month = indicators.totals(FundedProject.objects.all(), by="month")
    shown = [part for part in indicator_columns() if ":" not in part[0]]
    rows = [
        (f"{MONTHS[month.month]} {month.year}", *(figures.get(key, ZERO) for key, _, _ in shown))
        for month, figures in sorted(by_month.items(), key=lambda item: item[0] or timezone.localdate())
        if month is not None
    ]
    columns = [Column("Mois de remise"), *(Column(header, "number") for _, header, _ in shown)]
    return Table("indicateurs-mois", "Indicateurs au fil du temps", columns, rows)


def late_reports():
    today = timezone.now().astimezone(PARIS).date()
    reports = Report.objects.late(today).select_related("project__application").order_by("due_on")
    rows = [
        (
            report.project.number,
            report.project.title,
            report.get_kind_display(),
            day(report.due_on),
            report.days_late(today),
            "très en retard" if report.is_very_late(today) else "en retard",
        )
        for report in reports
    ]
    columns = [
        Column("Projet"),
        Column("Titre"),
        Column("Bilan"),
        Column("Attendu le"),
        Column("Jours de retard", "count"),
        Column("Retard"),
    ]
    return Table("bilans-en-retard", "Bilans en retard", columns, rows)


@dataclass(frozen=True)
class Place:
    """A commune where funded projects have their lead: one point of the map, one row of the table beside it."""

    code: str
    commune: str
    latitude: float
    longitude: float
    projects: int
    amount: Decimal


def project_places(queryset=None):
    """Funded projects grouped by their lead's commune (one query, whatever the number of projects)."""
    queryset = queryset if queryset is not None else FundedProject.objects.all()
    commune = "application__participations__organisation__commune"
    rows = (
        queryset.filter(application__participations__is_lead=True)
        .exclude(**{f"{commune}__latitude": None})
        .values(f"{commune}__code", f"{commune}__name", f"{commune}__latitude", f"{commune}__longitude")
        .annotate(projects=Count("pk"), amount=Sum("amount_granted"))
        .order_by(f"{commune}__name")
    )
    return [
        Place(
            row[f"{commune}__code"],
            row[f"{commune}__name"],
            float(row[f"{commune}__latitude"]),
            float(row[f"{commune}__longitude"]),
            row["projects"],
            cents(row["amount"]),
        )
        for row in rows
    ]


CHARTED = {"vagues": by_wave, "departements": by_department, "etats": by_state}
TABLES = {
    **CHARTED,
    "indicateurs": by_indicator,
    "indicateurs-mois": indicators_by_month,
    "bilans-en-retard": late_reports,
}
