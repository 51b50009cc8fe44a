"""Supporting documents opened by the Region: each opening is written in the audit trail."""

from csp.decorators import csp_exempt
from django.http import FileResponse, Http404

from deffinov.applications.documents import record_document_access
from deffinov.applications.models import Document
from deffinov.instruction.access import get_application, staff_required

INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def _serve(request, number, pk, inline):
    application = get_application(request.user, number)
    document = (
        Document.objects.filter(application=application, pk=pk)
        .select_related("application", "participation__organisation")
        .first()
    )
    if document is None:
        raise Http404("Document introuvable.")
    inline = inline and document.content_type in INLINE_TYPES
    record_document_access(request.user, document, inline)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=not inline,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def download(request, number, pk):
    return _serve(request, number, pk, inline=False)


@staff_required
@csp_exempt()
def preview(request, number, pk):
    """PDF and images open in the browser (the page's policy would block its PDF viewer); others download."""
    return _serve(request, number, pk, inline=True)
