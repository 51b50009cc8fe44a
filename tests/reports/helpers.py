from decimal import Decimal

from deffinov.reports import workflow
from deffinov.reports.content import expense_lines, save_content
from deffinov.reports.models import ReportKind

FIGURES = {
    ("apprenants", "demandeurs_emploi"): Decimal(12),
    ("apprenants", "salaries"): Decimal(8),
    ("heures_formation", ""): Decimal("120.5"),
    ("sessions_formation", ""): Decimal(10),
}


def report(project, kind=ReportKind.INTERIM):
    return project.reports.get(kind=kind)


def written(report, by, figures=None, share=Decimal("0.5"), communes=()):
    """The lead writes the report: a narrative, `share` of each planned line spent, `figures`."""
    lines = expense_lines(report.project)
    return save_content(
        report,
        by,
        narrative="Les ateliers ont accueilli leurs premiers apprenants.",
        spent={line.pk: (line.amount * share).quantize(Decimal("0.01")) for line in lines},
        values=FIGURES if figures is None else figures,
        communes=list(communes),
    )


def handed_in(report, by, **kwargs):
    written(report, by, **kwargs)
    assert workflow.hand_in(report, by)
    return report


def accepted(report, lead, instructor, **kwargs):
    handed_in(report, lead, **kwargs)
    assert workflow.apply(report, "accept", instructor)
    return report
