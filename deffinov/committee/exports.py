"""A wave's dossiers as a table: CSV, XLSX or ODS, one row per dossier.

Rows are read in chunks (`iterator(chunk_size=…)` with the prefetches done per chunk), so memory stays flat
and the number of queries does not depend on the rows of a chunk. CSV is streamed line by line; XLSX is written
by openpyxl in write-only mode to a temporary file, then streamed; ODS is built in memory by tablib (odfpy has
no streaming writer), which is fine for the tens to a few thousand dossiers of a wave.

CSV follows the French spreadsheet habit: UTF-8 with a byte order mark, « ; » between fields, decimal comma.

No cell can attack its reader (OWASP « CSV injection »): every text cell that starts with =, +, -, @, a tab or a
carriage return is prefixed with a single quote, in every format, whatever the column (titles, organisation names
that change after submission, labels); XLSX text cells are written as strings, never as formulas.
"""

import tempfile
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from deffinov.applications.models import Application, ExtraQuestion, Participation, QuestionKind, State
from deffinov.applications.questions import shown
from deffinov.committee.figures import with_figures
from deffinov.committee.models import Decision
from deffinov.eligibility.engine import cofinancing_rate
from deffinov.eligibility.presentation import verdict_label
from deffinov.reviews.models import Score, ensure_default_grid
from deffinov.reviews.scoring import criterion_means
from deffinov.utils import spreadsheets
from deffinov.utils.spreadsheets import Column, neutralise

CHUNK = 500
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
}


def columns(criteria, questions=()):
    return [
        Column("Numéro"),
        Column("Titre"),
        Column("Chef de file"),
        Column("Membres"),
        Column("Départements"),
        Column("Subvention demandée (€)", "money"),
        Column("Budget total (€)", "money"),
        Column("Cofinancement (%)", "number"),
        Column("Éligibilité au dépôt"),
        *(Column(f"Note moyenne – {criterion.label}", "number") for criterion in criteria),
        Column("Note pondérée moyenne", "number"),
        Column("État"),
        Column("Décision"),
        Column("Montant accordé (€)", "money"),
        *(Column(f"Question – {q.label}", "number" if q.kind == QuestionKind.NUMBER else "text") for q in questions),
    ]


def wave_applications(wave):
    participations = Participation.objects.filter(status="accepted").select_related("organisation__commune")
    scores = Score.objects.select_related("criterion")
    return (
        with_figures(Application.objects.filter(wave=wave).exclude(state=State.DRAFT))
        .defer("snapshot", "summary", "pedagogy", "innovation", "pooling", "spaces")
        .prefetch_related(
            Prefetch("participations", queryset=participations),
            Prefetch("reviews__scores", queryset=scores),
            Prefetch("decisions", queryset=Decision.objects.select_related("session").order_by("-decided_at", "-pk")),
            "extra_answers",
        )
        .order_by("number")
    )


def eligibility_label(verdict):
    return verdict_label(verdict)


def decision_label(decision):
    if decision is None:
        return ""
    label = decision.get_outcome_display()
    return label if decision.is_final else f"{label} (à valider)"


def money(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def two_decimals(value):
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def answer_cell(question, answers):
    answer = answers.get(question.pk)
    if question.kind == QuestionKind.NUMBER:
        return None if answer is None else answer.number
    return shown(question, answer)


def row_for(application, criteria, questions=()):
    participations = application.accepted_participations()
    lead = next((p for p in participations if p.is_lead), None)
    departments = sorted({p.organisation.commune.department_id for p in participations if p.organisation.commune_id})
    rate = cofinancing_rate(application.total_expenses, application.requested_amount)
    means = criterion_means(application.reviews.all(), criteria)
    decisions = list(application.decisions.all())
    decision = decisions[0] if decisions else None
    answers = {answer.question_id: answer for answer in application.extra_answers.all()}
    return [
        application.number,
        application.title,
        lead.organisation.name if lead else "",
        " ; ".join(p.organisation.name for p in participations),
        ", ".join(departments),
        money(application.requested_amount),
        money(application.total_expenses),
        None if rate is None else (rate * 100).quantize(Decimal("0.1"), ROUND_DOWN),
        eligibility_label(application.eligibility_at_submission),
        *(means[criterion.code] for criterion in criteria),
        two_decimals(application.weighted_mean),
        application.get_state_display(),
        decision_label(decision),
        money(decision.amount_granted) if decision and decision.amount_granted else None,
        *(answer_cell(question, answers) for question in questions),
    ]


def table(wave):
    """(columns, rows): the rows are produced lazily, chunk by chunk."""
    criteria = ensure_default_grid(wave.call)
    questions = list(ExtraQuestion.objects.active().filter(call_id=wave.call_id))
    queryset = wave_applications(wave)
    rows = (row_for(application, criteria, questions) for application in queryset.iterator(CHUNK))
    return columns(criteria, questions), ([neutralise(value) for value in row] for row in rows)


# CSV ------------------------------------------------------------------------------------------------------------


def csv_lines(wave):
    """The CSV, one line at a time (a generator of str), starting with a byte order mark."""
    header, rows = table(wave)
    yield from spreadsheets.csv_lines(header, rows)


# XLSX -----------------------------------------------------------------------------------------------------------


def write_xlsx(wave, target):
    """Write the XLSX to `target` (a path or a binary file) with openpyxl's write-only (streaming) workbook."""
    header, rows = table(wave)
    spreadsheets.write_xlsx("Dossiers", header, rows, target)


def xlsx_file(wave):
    """The XLSX in a temporary file, rewound (deleted when closed)."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (returned open; the caller closes it)
    write_xlsx(wave, handle)
    handle.seek(0)
    return handle


# ODS ------------------------------------------------------------------------------------------------------------


def ods_bytes(wave):
    import tablib

    header, rows = table(wave)
    dataset = tablib.Dataset(headers=[column.header for column in header], title="Dossiers")
    for row in rows:
        dataset.append(
            ["" if value is None else float(value) if isinstance(value, Decimal) else value for value in row]
        )
    return dataset.export("ods")


def filename(wave, extension):
    return f"dossiers-{wave.slug}.{extension}"
