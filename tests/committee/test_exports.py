import csv
import io
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.core.management import call_command
from django.urls import reverse

from deffinov.calls.models import Wave
from deffinov.committee.decisions import record_decision
from deffinov.committee.exports import csv_lines
from tests.committee.conftest import validated
from tests.reviews.helpers import quick_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided_wave(ranked_session, instructor, functional_admin):
    """Every dossier of the session decided, the decisions validated: « a » accepted for 140 000 €."""
    session, d = ranked_session
    record_decision(d["a"], instructor, "accepted", amount=Decimal(140_000), session=session)
    for key in "bcd":
        record_decision(d[key], instructor, "rejected", motivation="Hors enveloppe.", session=session)
    validated(session, functional_admin)
    return Wave.objects.select_related("call").get(pk=session.wave_id), d


def rows_of_csv(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_csv_has_one_row_per_dossier_with_amounts_scores_and_decision(client, decided_wave, instructor):
    wave, d = decided_wave
    client.force_login(instructor)
    response = client.get(reverse("committee:export", args=[wave.slug, "csv"]))
    assert response.streaming
    assert response["Content-Disposition"] == f'attachment; filename="dossiers-{wave.slug}.csv"'
    header, *rows = rows_of_csv(b"".join(response.streaming_content).decode())
    assert header[:5] == ["Numéro", "Titre", "Chef de file", "Membres", "Départements"]
    assert "Note moyenne – Pertinence territoriale" in header
    by_number = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert len(rows) == 4
    a = by_number[d["a"].number]
    assert a["Subvention demandée (€)"] == "150000,00"
    assert a["Budget total (€)"] == "250000,00"
    assert a["Cofinancement (%)"] == "40,0"
    assert a["Note moyenne – Pertinence territoriale"] == "4,50"
    assert a["Note pondérée moyenne"] == "4,50"
    assert (a["État"], a["Décision"], a["Montant accordé (€)"]) == ("Accepté", "Accepté", "140000,00")
    assert a["Éligibilité au dépôt"] == "Éligible"
    assert by_number[d["b"].number]["Départements"] == "50"
    assert by_number[d["d"].number]["Note pondérée moyenne"] == ""


def test_the_xlsx_opens_with_numbers_in_number_cells(client, decided_wave, instructor):
    wave, d = decided_wave
    client.force_login(instructor)
    response = client.get(reverse("committee:export", args=[wave.slug, "xlsx"]))
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    first = dict(zip(header, next(r for r in rows if r[0] == d["a"].number), strict=True))
    assert first["Subvention demandée (€)"] == 150_000
    assert first["Montant accordé (€)"] == 140_000
    assert first["Titre"] == "Bocage numérique"
    assert len(rows) == 5


def test_the_ods_opens_with_tablib(client, decided_wave, instructor):
    wave, d = decided_wave
    client.force_login(instructor)
    response = client.get(reverse("committee:export", args=[wave.slug, "ods"]))
    dataset = tablib.Dataset().load(response.content, format="ods")
    assert dataset.headers[0] == "Numéro"
    assert sorted(dataset["Numéro"]) == sorted(app.number for app in d.values())
    assert len(dataset) == 4


def test_the_export_costs_the_same_queries_whatever_the_number_of_dossiers(decided_wave, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wave, _d = decided_wave
    with CaptureQueriesContext(connection) as small:
        list(csv_lines(wave))
    for n in range(6):
        quick_dossier(wave, f"Dossier supplémentaire {n}", Decimal(20_000), Decimal(50_000))
    with django_assert_num_queries(len(small.captured_queries)):
        lines = list(csv_lines(wave))
    assert len(lines) == 1 + 10


def test_drafts_are_not_exported(decided_wave):
    wave, _d = decided_wave
    draft = quick_dossier(wave, "Brouillon secret", Decimal(1), Decimal(2), state="draft")
    assert not any(draft.number in line for line in csv_lines(wave))


def test_the_command_writes_csv_to_stdout_and_binary_formats_to_a_file(decided_wave, tmp_path):
    wave, d = decided_wave
    out = io.StringIO()
    call_command("export_applications", wave=wave.slug, fmt="csv", stdout=out)
    assert d["a"].number in out.getvalue()
    target = tmp_path / "dossiers.xlsx"
    call_command("export_applications", wave=wave.slug, fmt="xlsx", output=str(target), stderr=io.StringIO())
    sheet = openpyxl.load_workbook(target).active
    assert sheet.max_row == 5
    target = tmp_path / "dossiers.ods"
    call_command("export_applications", wave=wave.slug, fmt="ods", output=str(target), stderr=io.StringIO())
    assert len(tablib.Dataset().load(target.read_bytes(), format="ods")) == 4


def test_an_unknown_wave_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Aucune vague « nulle-part »"):
        call_command("export_applications", wave="nulle-part", fmt="csv")


FORMULA = '=HYPERLINK("http://x","Voir")'


@pytest.fixture
def hostile_wave(ranked_session):
    """A dossier titled with a formula, its lead renamed after submission to another one (live data)."""
    session, _d = ranked_session
    application = quick_dossier(session.wave, FORMULA, Decimal(60_000), Decimal(100_000))
    lead = application.participations.get().organisation
    lead.name = "@SUM(1+1)*cmd|' /C calc'!A0"
    lead.save(update_fields=["name"])
    return Wave.objects.select_related("call").get(pk=session.wave_id), application


def test_the_csv_neutralises_every_cell_that_a_spreadsheet_would_run(hostile_wave):
    wave, application = hostile_wave
    header, *rows = rows_of_csv("".join(csv_lines(wave)))
    row = dict(zip(header, next(r for r in rows if r[0] == application.number), strict=True))
    assert row["Titre"] == "'" + FORMULA
    assert row["Chef de file"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["Membres"].startswith("'@SUM")
    dangerous = ("=", "+", "-", "@", "\t", "\r")
    assert not any(cell.startswith(dangerous) for row in rows for cell in row)


def test_the_xlsx_holds_values_never_formulas(client, hostile_wave, instructor):
    wave, _application = hostile_wave
    client.force_login(instructor)
    response = client.get(reverse("committee:export", args=[wave.slug, "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert not [cell.value for cell in cells if isinstance(cell.value, str) and cell.value.startswith("=")]
    assert "'" + FORMULA in [cell.value for cell in cells]


def test_the_ods_and_the_command_neutralise_too(client, hostile_wave, instructor, tmp_path):
    wave, _application = hostile_wave
    client.force_login(instructor)
    dataset = tablib.Dataset().load(
        client.get(reverse("committee:export", args=[wave.slug, "ods"])).content, format="ods"
    )
    assert "'" + FORMULA in dataset["Titre"]
    assert not any(str(title).startswith("=") for title in dataset["Titre"])
    out = io.StringIO()
    call_command("export_applications", wave=wave.slug, fmt="csv", stdout=out)
    _header, *rows = rows_of_csv(out.getvalue())
    assert "'" + FORMULA in [row[1] for row in rows]


def test_a_pending_decision_is_exported_as_such(ranked_session, instructor):
    session, d = ranked_session
    record_decision(d["a"], instructor, "accepted", amount=Decimal(140_000), session=session)
    header, *rows = rows_of_csv("".join(csv_lines(session.wave)))
    row = dict(zip(header, next(r for r in rows if r[0] == d["a"].number), strict=True))
    assert (row["État"], row["Décision"]) == ("En instruction", "Accepté (à valider)")


def test_the_export_shows_the_verdict_stored_at_the_last_submission(instructor):
    """Submitted eligible, sent back for a correction, resubmitted below the call's minimum: the export reads the
    verdict of the resubmission (a warning to examine), not the first one."""
    import datetime as dt

    from django.utils import timezone

    from deffinov.applications import workflow
    from deffinov.applications.models import ResourceLine
    from deffinov.eligibility.presentation import verdict_label
    from deffinov.instruction import transitions
    from tests.applications.factories import eligible_application

    data = eligible_application()
    application = data["application"]
    workflow.submit(application, data["lead_admin"])
    application.refresh_from_db()
    first = verdict_label(application.eligibility_at_submission)
    transitions.start_review(application, instructor)
    transitions.request_correction(
        application, instructor, "incorrect", "Le budget est à revoir.", timezone.localdate() + dt.timedelta(days=15)
    )
    ResourceLine.objects.filter(application=application, kind="requested_grant").update(amount=40_000)
    ResourceLine.objects.filter(application=application, kind="own_funds").update(amount=110_000)
    transitions.resubmit(application, data["lead_admin"])
    application.refresh_from_db()
    last = verdict_label(application.eligibility_at_submission)
    assert last != first
    header, *rows = rows_of_csv("".join(csv_lines(application.wave)))
    row = dict(zip(header, rows[0], strict=True))
    assert row["Éligibilité au dépôt"] == last
    assert row["Subvention demandée (€)"] == "40000,00"
