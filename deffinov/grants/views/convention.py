"""The convention: downloaded by whoever follows the project, signed copy uploaded by the lead, countersigned by a
functional administrator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from deffinov.audit.models import record
from deffinov.formatting import day
from deffinov.grants import convention, workflow
from deffinov.grants.access import get_project_for_user
from deffinov.grants.forms import CountersignForm, SignedConventionForm
from deffinov.grants.views.projects import project_page


def pdf_file(request, project, document):
    record(
        "grants.convention.downloaded",
        actor=request.user,
        target=project,
        summary=f"{project.number} : convention ({document.get_version_display().lower()}) téléchargée",
        data={"number": project.number, "document": document.pk, "version": document.version},
    )
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.filename, content_type="application/pdf"
    )


@login_required
@require_GET
def current(request, number):
    """The convention as it stands: the one to sign, or the countersigned one. Same audience as the project."""
    project = get_project_for_user(request.user, number)
    try:
        document = convention.latest(project, "countersigned") or convention.generated(project, by=request.user)
    except convention.TemplateError as error:
        message = (
            "La convention ne peut pas être produite : le modèle de convention de l'appel contient une erreur "
            f"({' '.join(error.messages)}). Un administrateur fonctionnel doit le corriger."
        )
        return project_page(request, project, status=422, error=message)
    return pdf_file(request, project, document)


@login_required
@require_GET
def version(request, number, pk):
    """One kept version (generated, signed by the lead, countersigned). Same audience as the project."""
    project = get_project_for_user(request.user, number)
    document = project.convention_documents.filter(pk=pk).first()
    if document is None:
        raise Http404("Version introuvable.")
    return pdf_file(request, project, document)


@login_required
@require_POST
def upload_signed(request, number):
    """The lead's administrators; the collectif's other people get a 403, outsiders a 404."""
    project = get_project_for_user(request.user, number, "grants.act_for_project")
    form = SignedConventionForm(request.POST, request.FILES)
    if not form.is_valid():
        return project_page(request, project, status=422, upload_form=form)
    try:
        convention.upload_signed(project, form.cleaned_data["file"], request.user)
    except workflow.ProjectError as error:
        form.add_error("file" if error.field == "file" else None, error.message)
        return project_page(request, project, status=422, upload_form=form)
    messages.success(request, "La convention signée est déposée : la Région va la contre-signer.")
    return redirect(f"{project.get_absolute_url()}#convention")


@login_required
@require_POST
def countersign(request, number):
    """Functional administrators: the countersignature dates the convention."""
    project = get_project_for_user(request.user, number, "grants.countersign")
    form = CountersignForm(request.POST)
    if not form.is_valid():
        return project_page(request, project, status=422, countersign_form=form)
    try:
        moved = workflow.apply(
            project, "countersign", request.user, convention_date=form.cleaned_data["convention_date"]
        )
    except workflow.ProjectError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return project_page(request, project, status=422, countersign_form=form)
    if moved:
        messages.success(
            request, f"Convention contre-signée le {day(project.convention_date)} : le collectif en est informé."
        )
    else:
        messages.warning(request, "La convention a déjà été contre-signée entre-temps.")
    return redirect(f"{project.get_absolute_url()}#convention")
