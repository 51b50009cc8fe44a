"""What a report says: its narrative, its expenses per budget line against the plan, its indicators, its communes
and its attachments. Written by the lead's administrators while the report is writable; every figure is checked
here (finite, non-negative, bounded, of the indicator's type), whatever the form said.
"""

from decimal import Decimal

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from deffinov.applications.bounds import AMOUNT_LIMIT, CENT
from deffinov.applications.documents import check_upload
from deffinov.applications.models import ExpenseLine
from deffinov.audit.models import record
from deffinov.formatting import euros, grouped
from deffinov.grants.models import ProjectState
from deffinov.reports.catalogue import ensure_catalogue
from deffinov.reports.models import (
    INDICATOR_LIMIT,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Report,
    ReportAttachment,
    ReportExpense,
    ReportState,
)

NARRATIVE_MAX = 20_000
CLOSED_PROJECT_STATES = (ProjectState.CLOSED, ProjectState.TERMINATED)


class ReportError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def check_writable(report):
    """Raise ReportError (in French) unless the lead may write this report now."""
    project = report.project
    if project.state in CLOSED_PROJECT_STATES:
        raise ReportError(
            f"Ce projet est « {ProjectState(project.state).label} » : ses bilans ne peuvent plus être rédigés."
        )
    if report.state not in (ReportState.DRAFT, ReportState.CORRECTION_REQUESTED):
        raise ReportError(
            f"Ce bilan est « {ReportState(report.state).label} » : il ne peut plus être modifié"
            + (" tant que la Région ne l'a pas relu." if report.state == ReportState.SUBMITTED else ".")
        )


def expense_lines(project):
    """The dossier's budget lines (the plan), in order."""
    return list(ExpenseLine.objects.filter(application_id=project.application_id).order_by("pk"))


def catalogue():
    """The active indicators, in order; the declared catalogue is written first if the table is empty (a database
    flushed after its migrations)."""
    indicators = list(Indicator.objects.filter(is_active=True).order_by("position", "code"))
    if not indicators and not Indicator.objects.exists():
        indicators = ensure_catalogue()
    return indicators


def check_value(indicator, public, value):
    """The value as stored, or ReportError: a number, finite, at least 0, at most the limit, of the right type."""
    where = indicator.label if not public else f"{indicator.label} – {dict(indicator.parts).get(public, public)}"
    if not isinstance(value, (Decimal, int)) or isinstance(value, bool):
        raise ReportError(f"« {where} » : indiquez un nombre en chiffres.", indicator.code)
    value = Decimal(value)
    if not value.is_finite():
        raise ReportError(f"« {where} » : indiquez un nombre en chiffres.", indicator.code)
    if value < 0:
        raise ReportError(f"« {where} » : un indicateur ne peut pas être négatif.", indicator.code)
    if value > INDICATOR_LIMIT:
        raise ReportError(
            f"« {where} » : {grouped(value)} dépasse la limite de {grouped(INDICATOR_LIMIT)} {indicator.unit} : "
            "vérifiez le nombre de zéros.",
            indicator.code,
        )
    if indicator.kind == IndicatorKind.INTEGER and value != value.to_integral_value():
        raise ReportError(f"« {where} » : indiquez un nombre entier de {indicator.unit}.", indicator.code)
    if value != value.quantize(CENT):
        raise ReportError(f"« {where} » : indiquez au plus deux décimales.", indicator.code)
    return value


def check_values(values):
    """{(code, public): Decimal} checked against the catalogue: a code or a public it does not declare is refused."""
    indicators = {indicator.code: indicator for indicator in catalogue()}
    checked = {}
    for (code, public), value in values.items():
        indicator = indicators.get(code)
        if indicator is None or indicator.kind == IndicatorKind.COMMUNES:
            raise ReportError(f"L'indicateur « {code} » n'existe pas dans le catalogue.", "indicators")
        if public not in dict(indicator.parts):
            raise ReportError(f"« {indicator.label} » n'a pas de public « {public} ».", indicator.code)
        if value is not None:
            checked[(indicator, public)] = check_value(indicator, public, value)
    return checked


def check_spent(lines, spent):
    """{line pk: Decimal} for lines of the dossier's budget, in euros and cents, at least 0 and under the limit."""
    known = {line.pk: line for line in lines}
    checked = {}
    for pk, amount in spent.items():
        line = known.get(pk)
        if line is None:
            raise ReportError("Cette ligne n'est pas dans le budget du dossier.", "expenses")
        if amount is None:
            continue
        if not isinstance(amount, Decimal) or not amount.is_finite():
            raise ReportError(f"« {line.label} » : indiquez le montant en chiffres.", f"spent_{pk}")
        if amount < 0 or amount >= AMOUNT_LIMIT or amount != amount.quantize(CENT):
            raise ReportError(
                f"« {line.label} » : indiquez un montant entre 0 et {euros(AMOUNT_LIMIT - CENT)}, "
                "en euros et centimes.",
                f"spent_{pk}",
            )
        checked[line] = amount
    return checked


def save_content(report, by, *, narrative, spent, values, communes, at=None):
    """Save the draft: narrative, {line pk: spent}, {(indicator code, public): value}, communes. ReportError when
    anything is refused, and then nothing is saved."""
    at = at or timezone.now()
    narrative = (narrative or "").strip()
    if len(narrative) > NARRATIVE_MAX:
        raise ReportError(f"Le récit dépasse {NARRATIVE_MAX} caractères : raccourcissez-le.", "narrative")
    checked_spent = check_spent(expense_lines(report.project), spent)
    checked_values = check_values(values)
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("project").get(pk=report.pk)
        check_writable(locked)
        locked.narrative = narrative
        locked.updated_at, locked.updated_by = at, by
        locked.save(update_fields=["narrative", "updated_at", "updated_by"])
        locked.expenses.all().delete()
        ReportExpense.objects.bulk_create(
            ReportExpense(report=locked, line=line, spent=amount) for line, amount in checked_spent.items()
        )
        locked.values.all().delete()
        IndicatorValue.objects.bulk_create(
            IndicatorValue(report=locked, indicator=indicator, public=public, value=value)
            for (indicator, public), value in checked_values.items()
        )
        locked.communes.set(communes)
        record(
            "reports.report.save",
            actor=by,
            target=locked,
            summary=f"{locked.project.number} : {locked.get_kind_display().lower()} enregistré",
            data={"number": locked.project.number, "kind": locked.kind},
        )
    report.refresh_from_db()
    return report


def add_attachment(report, upload, by):
    """Keep a checked upload as an attachment of the report; ValidationError (French) for a refused file."""
    content_type, sha256, name = check_upload(upload)
    attachment = ReportAttachment(
        report=report,
        original_name=name,
        size=upload.size,
        content_type=content_type,
        sha256=sha256,
        uploaded_by=by,
    )
    try:
        with transaction.atomic():
            check_writable(Report.objects.select_for_update().select_related("project").get(pk=report.pk))
            attachment.file.save(name, upload, save=False)
            attachment.save()
            record(
                "reports.attachment.add",
                actor=by,
                target=attachment,
                summary=f"{report.project.number} : pièce « {name} » jointe au {report.get_kind_display().lower()}",
                data={"number": report.project.number, "kind": report.kind, "sha256": sha256},
            )
    except BaseException:
        if attachment.file.name:
            attachment.file.delete(save=False)
        raise
    return attachment


def remove_attachment(report, pk, by):
    """Take an attachment off the draft; one that a submitted version holds is kept for that version."""
    with transaction.atomic():
        check_writable(Report.objects.select_for_update().select_related("project").get(pk=report.pk))
        attachment = report.attachments.filter(pk=pk, removed=False).first()
        if attachment is None:
            raise Http404("Pièce introuvable.")
        if attachment.versions.exists():
            attachment.removed = True
            attachment.save(update_fields=["removed"])
        else:
            attachment.delete()
            transaction.on_commit(lambda: attachment.file.delete(save=False))
        record(
            "reports.attachment.remove",
            actor=by,
            target=report,
            summary=f"{report.project.number} : pièce « {attachment.original_name} » retirée",
            data={"number": report.project.number, "kind": report.kind},
        )
    return attachment


def current_attachments(report):
    return [attachment for attachment in report.attachments.all() if not attachment.removed]


def expense_rows(report, lines=None):
    """[(line, planned, spent or None)] of the dossier's budget, and the totals (planned, spent)."""
    lines = lines if lines is not None else expense_lines(report.project)
    spent = {expense.line_id: expense.spent for expense in report.expenses.all()}
    rows = [(line, line.amount, spent.get(line.pk)) for line in lines]
    return rows, sum((line.amount for line in lines), Decimal(0)), sum(spent.values(), Decimal(0))


def justified_expenses(report):
    """The total spent since the project's start that the report declares (for the balance, pro rata)."""
    return sum((expense.spent for expense in report.expenses.all()), Decimal(0))


def snapshot(report):
    """The report's content as JSON, frozen in a version at each submission."""
    rows, planned, spent = expense_rows(report)
    values = {(value.indicator_id, value.public): value.value for value in report.values.all()}
    indicators = []
    for indicator in catalogue():
        if indicator.kind == IndicatorKind.COMMUNES:
            continue
        for public, label in indicator.parts:
            value = values.get((indicator.pk, public))
            indicators.append(
                {
                    "code": indicator.code,
                    "label": indicator.label,
                    "public": public,
                    "public_label": label if public else "",
                    "unit": indicator.unit,
                    "value": None if value is None else str(value),
                }
            )
    return {
        "narrative": report.narrative,
        "expenses": [
            {
                "line": line.pk,
                "category": line.category,
                "label": line.label,
                "planned": str(line_planned),
                "spent": None if line_spent is None else str(line_spent),
            }
            for line, line_planned, line_spent in rows
        ],
        "planned_total": str(planned),
        "spent_total": str(spent),
        "indicators": indicators,
        "communes": [{"code": c.code, "name": c.name} for c in report.communes.order_by("name")],
        "attachments": [
            {"id": a.pk, "name": a.original_name, "size": a.size, "sha256": a.sha256}
            for a in current_attachments(report)
        ],
    }


def parse_version(content):
    """A frozen version's figures back as Decimals, for display."""

    def number(text):
        return None if text is None else Decimal(text)

    return {
        **content,
        "expenses": [
            {**row, "planned": number(row["planned"]), "spent": number(row["spent"])} for row in content["expenses"]
        ],
        "planned_total": number(content["planned_total"]),
        "spent_total": number(content["spent_total"]),
        "indicators": [{**row, "value": number(row["value"])} for row in content["indicators"]],
    }
