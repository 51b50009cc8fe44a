"""The reports a funded project owes, and when: created when the Region countersigns its convention.

Due dates: the interim report at mid-term of the project (between its start and end dates), the final report two
months after its end. The convention may state them (`interim_report_due` / `final_report_due` on the project);
otherwise they are computed here, once, for every page, email and list.
"""

import datetime as dt

from django.db import IntegrityError, transaction

from deffinov.eligibility.engine import add_months
from deffinov.reports.models import Report, ReportKind, ReportState

FINAL_REPORT_MONTHS_AFTER_END = 2


def due_dates(project):
    """{kind: due date} of the project's reports."""
    interim = getattr(project, "interim_report_due", None)
    final = getattr(project, "final_report_due", None)
    if not isinstance(interim, dt.date):
        interim = project.starts_on + (project.ends_on - project.starts_on) / 2
    if not isinstance(final, dt.date):
        final = add_months(project.ends_on, FINAL_REPORT_MONTHS_AFTER_END)
    return {ReportKind.INTERIM: interim, ReportKind.FINAL: final}


def ensure_reports(project):
    """The project's interim and final reports (created once, when its convention is signed); [] before."""
    if project.convention_date is None:
        return []
    reports = {report.kind: report for report in project.reports.all()}
    missing = [kind for kind in ReportKind.values if kind not in reports]
    if missing:
        dates = due_dates(project)
        for kind in missing:
            try:
                with transaction.atomic():
                    reports[kind] = Report.objects.create(project=project, kind=kind, due_on=dates[kind])
            except IntegrityError:  # created meanwhile by another request
                reports[kind] = Report.objects.get(project=project, kind=kind)
    return [reports[kind] for kind in ReportKind.values]


def after_countersign(project, by, at, **given):
    """Hook of the grants workflow: the convention is signed, the reports are owed."""
    ensure_reports(project)


def reschedule(project):
    """Follow a change of the project's dates (an amendment): reports not handed in yet get their new due dates, and
    their reminders start again from them. Returns how many reports moved."""
    dates = due_dates(project)
    moved = 0
    for report in project.reports.filter(state=ReportState.DRAFT):
        if report.due_on != dates[report.kind]:
            Report.objects.filter(pk=report.pk, state=ReportState.DRAFT).update(due_on=dates[report.kind])
            report.reminders.all().delete()
            moved += 1
    return moved
