"""A wave's dossiers as CSV (streamed), XLSX (written to a temporary file, streamed) or ODS."""

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from deffinov.audit.models import record
from deffinov.calls.models import Wave
from deffinov.committee import exports
from deffinov.committee.access import staff_required


@staff_required
@require_GET
def export(request, slug, fmt):
    """Region staff only."""
    if fmt not in exports.FORMATS:
        raise Http404("Format inconnu.")
    wave = get_object_or_404(Wave.objects.select_related("call"), slug=slug)
    content_type, extension = exports.FORMATS[fmt]
    name = exports.filename(wave, extension)
    record(
        "committee.export",
        actor=request.user,
        target=wave,
        summary=f"Export {fmt.upper()} de « {wave} »",
        data={"wave": wave.slug, "format": fmt},
    )
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_lines(wave), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if fmt == "xlsx":
        return FileResponse(exports.xlsx_file(wave), as_attachment=True, filename=name, content_type=content_type)
    response = HttpResponse(exports.ods_bytes(wave), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
