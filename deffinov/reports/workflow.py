"""The states of a report and the transitions between them, declared in one table.

    draft --submit--> submitted --accept--> accepted
                          |  ^
      request_correction  v  | resubmit
                  correction_requested

- submit / resubmit: the lead's administrators hand the report in; its content is frozen in a `ReportVersion`.
  Handing in the final report moves the project to closing (grants workflow "begin_closing", as the system).
- request_correction: an instructor sends it back with a motivation; the lead edits and resubmits.
- accept: an instructor accepts it; the interim report unlocks the tranche due on it, the final one the balance
  (`deffinov.payments.schedule.unlock`).

Each transition names who may trigger it (a django-rules permission on the project), its guard (ReportError in
French) and what it writes; each leaves a `ReportTransition` row and an audit event, and the change is a
conditional UPDATE on the current state, so two requests never both move a report. The people concerned are
emailed (stored, then sent by the background worker).
"""

from django.db import transaction
from django.utils import timezone

from deffinov.applications.workflow import Transition
from deffinov.audit.models import record
from deffinov.grants import workflow as grants_workflow
from deffinov.grants.models import ProjectState
from deffinov.payments.models import Condition
from deffinov.payments.schedule import unlock
from deffinov.reports import notify
from deffinov.reports.content import ReportError, check_writable, current_attachments, snapshot
from deffinov.reports.models import Report, ReportKind, ReportState, ReportTransition, ReportVersion

UNLOCKS = {ReportKind.INTERIM: Condition.INTERIM_REPORT_ACCEPTED, ReportKind.FINAL: Condition.FINAL_REPORT_ACCEPTED}


def guard_submit(report, by, at, motivation=""):
    check_writable(report)
    if not report.narrative.strip():
        raise ReportError("Rédigez le récit du projet avant de remettre le bilan.", "narrative")
    return {}


def write_submit(report, by, at):
    number = report.versions.count() + 1
    version = ReportVersion.objects.create(
        report=report, number=number, submitted_at=at, submitted_by=by, content=snapshot(report)
    )
    version.attachments.set(current_attachments(report))
    return {"submitted_at": at}


def after_submit(report, by, at, motivation=""):
    project = report.project
    if report.kind == ReportKind.FINAL:
        # The final report is in: the project moves to closing (started first if nobody had said so).
        if project.state == ProjectState.SIGNED:
            grants_workflow.apply(project, "start", by, at, system=True)
        if project.state == ProjectState.RUNNING:
            grants_workflow.apply(project, "begin_closing", by, at, system=True)
    notify.submitted(report)


def guard_motivation(report, by, at, motivation=""):
    if not (motivation or "").strip():
        raise ReportError("Indiquez les corrections attendues.", "motivation")
    return {}


def after_correction(report, by, at, motivation=""):
    notify.correction_requested(report, motivation)


def guard_accept(report, by, at, motivation=""):
    return {}


def write_accept(report, by, at):
    return {"accepted_at": at}


def after_accept(report, by, at, motivation=""):
    unlock(report.project, UNLOCKS[report.kind], by, at)
    notify.accepted(report)


TRANSITIONS = {
    "submit": Transition(
        "submit",
        ReportState.DRAFT,
        ReportState.SUBMITTED,
        "Remettre le bilan",
        "grants.act_for_project",
        guard_submit,
        write_submit,
        after_submit,
    ),
    "resubmit": Transition(
        "resubmit",
        ReportState.CORRECTION_REQUESTED,
        ReportState.SUBMITTED,
        "Remettre le bilan corrigé",
        "grants.act_for_project",
        guard_submit,
        write_submit,
        after_submit,
    ),
    "request_correction": Transition(
        "request_correction",
        ReportState.SUBMITTED,
        ReportState.CORRECTION_REQUESTED,
        "Demander des corrections",
        "grants.manage_project",
        guard_motivation,
        None,
        after_correction,
    ),
    "accept": Transition(
        "accept",
        ReportState.SUBMITTED,
        ReportState.ACCEPTED,
        "Accepter le bilan",
        "grants.manage_project",
        guard_accept,
        write_accept,
        after_accept,
    ),
}


def available(report, user):
    """The transitions `user` may trigger on `report` now (guards aside)."""
    return [t for t in TRANSITIONS.values() if t.source == report.state and user.has_perm(t.permission, report.project)]


def hand_in(report, by, at=None):
    """Submit the report, or resubmit it after corrections."""
    name = "resubmit" if report.state == ReportState.CORRECTION_REQUESTED else "submit"
    return apply(report, name, by, at)


def apply(report, name, by, at=None, motivation=""):
    """Run a transition; True when this call made it happen, False when another request already had.

    Raises ReportError (French) when the person may not trigger it, the state does not allow it or a guard refuses."""
    spec = TRANSITIONS[name]
    at = at or timezone.now()
    if not by.has_perm(spec.permission, report.project):
        raise ReportError("Vous n'avez pas le droit de faire cette action sur ce bilan.")
    if report.state != spec.source:
        raise ReportError(f"Cette action n'est pas possible : le bilan est « {ReportState(report.state).label} ».")
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("project__application").filter(pk=report.pk).first()
        if locked is None or locked.state != spec.source:
            return False
        context = spec.guard(locked, by, at, motivation=motivation)
        updates = spec.write(locked, by, at, **context) if spec.write else {}
        changed = Report.objects.filter(pk=report.pk, state=spec.source).update(
            state=spec.target, updated_at=at, updated_by=by, **updates
        )
        if changed != 1:
            transaction.set_rollback(True)
            return False
        locked.refresh_from_db()
        ReportTransition.objects.create(
            report=locked, from_state=spec.source, to_state=spec.target, by=by, at=at, motivation=motivation
        )
        record(
            f"reports.report.{spec.name}",
            actor=by,
            target=locked,
            summary=f"{locked.project.number} : {locked.get_kind_display().lower()} "
            f"{ReportState(spec.source).label} → {ReportState(spec.target).label}",
            data={
                "number": locked.project.number,
                "kind": locked.kind,
                "from": spec.source,
                "to": spec.target,
                "motivation": motivation,
            },
        )
        if spec.after:
            spec.after(locked, by, at, motivation=motivation)
    report.refresh_from_db()
    report.project.refresh_from_db()
    return True
