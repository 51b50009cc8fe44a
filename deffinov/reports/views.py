"""The pages of a project's reports: read, write, decide, versions, attachments; and the Region's late reports.

Access goes through `deffinov.grants.access.get_project_for_user`: 404 for outsiders, 403 for those who may only
read. The Region reads what was handed in (the versions), never the lead's draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from deffinov.bookings.indicators import report_initial
from deffinov.formatting import PARIS
from deffinov.grants.access import get_project_for_user
from deffinov.reports import content, workflow
from deffinov.reports.content import ReportError
from deffinov.reports.forms import DecisionForm, ReportForm
from deffinov.reports.models import Report, ReportKind, ReportState
from deffinov.reports.projects import ensure_reports


def today():
    return timezone.now().astimezone(PARIS).date()


def get_report(user, number, kind, perm="grants.view_project"):
    project = get_project_for_user(user, number, perm)
    if kind not in ReportKind.values:
        raise Http404("Bilan introuvable.")
    reports = {report.kind: report for report in ensure_reports(project)}
    if kind not in reports:
        raise Http404("Ce projet n'a pas encore de bilans : sa convention n'est pas signée.")
    report = reports[kind]
    report.project = project
    return report


def _form(report, data=None, files=None):
    # Attendance at the project's places pre-fills the learners by public until the report gives them.
    initial = {**ReportForm.initial_from(report), **report_initial(report)}
    return ReportForm(
        data,
        files,
        report=report,
        lines=content.expense_lines(report.project),
        indicators=content.catalogue(),
        initial=initial,
    )


@login_required
def detail(request, number, kind):
    report = get_report(request.user, number, kind)
    may_write = request.user.has_perm("grants.act_for_project", report.project)
    versions = list(report.versions.select_related("submitted_by").prefetch_related("attachments"))
    context = {
        "report": report,
        "project": report.project,
        "may_write": may_write and report.is_writable,
        "versions": versions,
        "latest": content.parse_version(versions[-1].content) if versions else None,
        "decision_form": DecisionForm() if _may_decide(request.user, report) else None,
        "transitions": report.transitions.select_related("by"),
        "days_late": report.days_late(today()),
        "very_late": report.is_very_late(today()),
    }
    return render(request, "reports/detail.html", context)


def _may_decide(user, report):
    return report.state == ReportState.SUBMITTED and user.has_perm("grants.manage_project", report.project)


@login_required
def edit(request, number, kind):
    report = get_report(request.user, number, kind, "grants.act_for_project")
    try:
        content.check_writable(report)
    except ReportError as error:
        messages.error(request, error.message)
        return redirect(report.get_absolute_url())
    if request.method != "POST":
        return _render_form(request, report, _form(report))
    form = _form(report, request.POST, request.FILES)
    if not form.is_valid():
        return _render_form(request, report, form, status=422)
    try:
        content.save_content(report, request.user, **form.content())
        if form.cleaned_data["attachment"]:
            content.add_attachment(report, form.cleaned_data["attachment"], request.user)
    except ReportError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _render_form(request, report, form, status=422)
    except ValidationError as error:
        form.add_error("attachment", error)
        return _render_form(request, report, form, status=422)
    if "submit" not in request.POST:
        messages.success(request, "Le bilan est enregistré. Il n'est pas encore remis à la Région.")
        return redirect("reports:edit", number, kind)
    try:
        workflow.hand_in(report, request.user)
    except ReportError as error:
        form = _form(report)
        messages.error(request, f"Le bilan est enregistré mais n'est pas remis : {error.message}")
        return _render_form(request, report, form, status=422)
    messages.success(request, "Le bilan est remis à la Région. Vous serez prévenu de sa relecture par courriel.")
    return redirect(report.get_absolute_url())


def _render_form(request, report, form, status=200):
    _rows, planned, spent = content.expense_rows(report, form.lines)
    context = {
        "report": report,
        "project": report.project,
        "form": form,
        "attachments": content.current_attachments(report),
        "planned_total": planned,
        "spent_total": spent,
        "correction": report.transitions.filter(to_state=ReportState.CORRECTION_REQUESTED).last()
        if report.state == ReportState.CORRECTION_REQUESTED
        else None,
    }
    return render(request, "reports/form.html", context, status=status)


@login_required
@require_POST
def decide(request, number, kind):
    report = get_report(request.user, number, kind, "grants.manage_project")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_decision(request, report, form)
    name = form.cleaned_data["decision"]
    try:
        workflow.apply(report, name, request.user, motivation=form.cleaned_data["motivation"].strip())
    except ReportError as error:
        form.add_error(None, error.message)
        return _render_decision(request, report, form)
    if name == "accept":
        messages.success(request, f"Le {report.get_kind_display().lower()} est accepté ; le chef de file est prévenu.")
    else:
        messages.success(request, "Les corrections sont demandées au chef de file, par courriel.")
    return redirect(report.get_absolute_url())


def _render_decision(request, report, form):
    versions = list(report.versions.select_related("submitted_by").prefetch_related("attachments"))
    context = {
        "report": report,
        "project": report.project,
        "may_write": False,
        "versions": versions,
        "latest": content.parse_version(versions[-1].content) if versions else None,
        "decision_form": form,
        "transitions": report.transitions.select_related("by"),
        "days_late": report.days_late(today()),
        "very_late": report.is_very_late(today()),
    }
    return render(request, "reports/detail.html", context, status=422)


@login_required
def version(request, number, kind, version_number):
    report = get_report(request.user, number, kind)
    frozen = report.versions.select_related("submitted_by").filter(number=version_number).first()
    if frozen is None:
        raise Http404("Version introuvable.")
    context = {
        "report": report,
        "project": report.project,
        "version": frozen,
        "content": content.parse_version(frozen.content),
        "attachments": list(frozen.attachments.all()),
    }
    return render(request, "reports/version.html", context)


@login_required
def attachment(request, number, kind, pk):
    """A report's attachment: the lead's people open any; the Region those of a version handed in."""
    report = get_report(request.user, number, kind)
    attachments = report.attachments.filter(pk=pk)
    if not request.user.has_perm("grants.act_for_project", report.project):
        attachments = attachments.filter(versions__isnull=False)
    found = attachments.distinct().first()
    if found is None:
        raise Http404("Pièce introuvable.")
    response = FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.original_name, content_type=found.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def remove_attachment(request, number, kind, pk):
    report = get_report(request.user, number, kind, "grants.act_for_project")
    try:
        removed = content.remove_attachment(report, pk, request.user)
    except ReportError as error:
        messages.error(request, error.message)
        return redirect(report.get_absolute_url())
    messages.success(request, f"La pièce « {removed.original_name} » est retirée du bilan.")
    return redirect("reports:edit", number, kind)


@login_required
def late(request):
    """The reports not handed in past their due date, the « très en retard » first."""
    if not request.user.has_perm("grants.view_projects"):
        raise Http404("Page introuvable.")
    day = today()
    reports = (
        Report.objects.late(day)
        .select_related("project__application__wave__call")
        .order_by("due_on", "project__application__number")
    )
    rows = [(report, report.days_late(day), report.is_very_late(day)) for report in reports]
    return render(request, "reports/late.html", {"rows": rows, "today": day})
