"""The files given in answer to the call's extra questions: served only to the dossier's people and Region staff."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from deffinov.applications.access import get_application_for_user
from deffinov.applications.models import ExtraAnswer
from deffinov.audit.models import record


@login_required
@require_GET
def answer_file(request, number, pk):
    """People of the consortium's structures and Region staff; served as an attachment, never rendered."""
    application = get_application_for_user(request.user, number, "applications.view_application")
    answer = get_object_or_404(ExtraAnswer.objects.select_related("question"), application=application, pk=pk)
    if not answer.file:
        raise Http404("Aucun fichier pour cette réponse.")
    if request.user.is_region_agent or request.user.is_superuser:
        record(
            "application.document_downloaded",
            actor=request.user,
            target=answer,
            summary=f"{application.number} : réponse « {answer.question.label} » téléchargée ({answer.original_name})",
            data={
                "number": application.number,
                "answer": answer.pk,
                "name": answer.original_name,
                "sha256": answer.sha256,
            },
        )
    response = FileResponse(
        answer.file.open("rb"), as_attachment=True, filename=answer.original_name, content_type=answer.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
