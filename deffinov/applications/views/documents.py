"""Supporting documents: uploaded one at a time, served only to the consortium's people and Region staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from deffinov.applications import documents
from deffinov.applications.access import get_application_for_user
from deffinov.applications.documents import record_document_access
from deffinov.applications.editing import NotEditableError
from deffinov.applications.forms.documents import DocumentForm
from deffinov.applications.models import Document
from deffinov.applications.rules import standing
from deffinov.applications.views.common import refuse_if_not_draft, render_dossier

CHANGE = "applications.change_application"


def may_handle_documents_of(user, application, participation):
    """A member's documents are handled by its own people, or by the chef de file's people."""
    place = standing(user, application)
    return participation.organisation_id in place["organisations"] or place["lead"] in place["organisations"]


@login_required
@require_POST
def upload(request, number, participation_pk):
    """People of the member structure, or of the chef de file, while the dossier is a draft."""
    application = get_application_for_user(request.user, number, CHANGE)
    if refusal := refuse_if_not_draft(request, application):
        return refusal
    participation = next((p for p in application.accepted_participations() if p.pk == participation_pk), None)
    if participation is None:
        raise Http404("Structure introuvable dans ce dossier.")
    if not may_handle_documents_of(request.user, application, participation):
        messages.error(
            request, "Seules les personnes de cette structure ou du chef de file peuvent déposer ses pièces."
        )
        return redirect(f"{application.get_absolute_url()}#documents")
    form = DocumentForm(request.POST, request.FILES, participation=participation)
    if not form.is_valid():
        return render_dossier(request, application, status=422, upload_form=form)
    try:
        document = documents.store(
            application,
            participation,
            form.cleaned_data["kind"],
            form.cleaned_data["file"],
            form.detected,
            request.user,
        )
    except NotEditableError as error:
        messages.error(request, error.message)
        return redirect(application)
    name = document.original_name
    messages.success(
        request, f"Document « {document.get_kind_display()} » de {participation.organisation.name} déposé ({name})."
    )
    return redirect(f"{application.get_absolute_url()}#documents")


@login_required
@require_POST
def delete(request, number, pk):
    """People of the member structure, or of the chef de file, while the dossier is a draft."""
    application = get_application_for_user(request.user, number, CHANGE)
    if refusal := refuse_if_not_draft(request, application):
        return refusal
    try:
        document = documents.remove(
            application,
            pk,
            request.user,
            lambda participation: may_handle_documents_of(request.user, application, participation),
        )
    except NotEditableError as error:
        messages.error(request, error.message)
        return redirect(application)
    messages.success(request, f"Document « {document.original_name} » supprimé.")
    return redirect(f"{application.get_absolute_url()}#documents")


@login_required
@require_GET
def download(request, number, pk):
    """People of the consortium's structures and Region staff; served as an attachment, never rendered."""
    application = get_application_for_user(request.user, number, "applications.view_application")
    document = get_object_or_404(Document, application=application, pk=pk)
    if request.user.is_region_agent or request.user.is_superuser:
        record_document_access(request.user, document)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
