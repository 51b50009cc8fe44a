"""Amendments (« avenants »): recorded by a functional administrator, their PDF read by whoever follows the project."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from deffinov.applications.models import Participation
from deffinov.grants import amendments, workflow
from deffinov.grants.access import get_project_for_user
from deffinov.grants.forms import AmendmentForm


def amendment_page(request, project, form, status=200, error=None):
    context = {
        "project": project,
        "form": form,
        "error": error,
        "latest_end": amendments.latest_end(project),
        "requested": amendments.requested_amount(project),
        "paid": amendments.paid_amount(project),
    }
    return render(request, "grants/amendment.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def new(request, number):
    """Functional administrators, on a live project."""
    project = get_project_for_user(request.user, number, "grants.amend")
    if not project.is_live:
        raise Http404("Ce projet est clos.")
    participations = list(
        Participation.objects.filter(application=project.application, status="accepted", role="member")
        .select_related("organisation")
        .order_by("-is_lead", "organisation__name")
    )
    form = AmendmentForm(request.POST or None, project=project, participations=participations)
    if request.method == "GET":
        return amendment_page(request, project, form)
    if not form.is_valid():
        return amendment_page(request, project, form, status=422)
    data = form.cleaned_data
    try:
        amendment = amendments.record_amendment(
            project,
            request.user,
            motivation=data["motivation"],
            signed_on=data["signed_on"],
            amount=data["amount"],
            ends_on=data["ends_on"],
            shares=form.shares(),
        )
    except workflow.ProjectError as error:
        field = f"share_{participations[0].pk}" if error.field == "shares" and participations else error.field
        if field in form.fields:
            form.add_error(field, error.message)
            return amendment_page(request, project, form, status=422)
        return amendment_page(request, project, form, status=422, error=error.message)
    messages.success(request, f"Avenant n° {amendment.number} enregistré : {' ; '.join(amendment.changes)}.")
    return redirect(f"{project.get_absolute_url()}#avenants")


@login_required
@require_GET
def pdf(request, number, amendment_number):
    """Same audience as the project."""
    project = get_project_for_user(request.user, number)
    amendment = project.amendments.filter(number=amendment_number).first()
    if amendment is None or not amendment.file:
        raise Http404("Avenant introuvable.")
    return FileResponse(
        amendment.file.open("rb"), as_attachment=True, filename=amendment.filename, content_type="application/pdf"
    )
