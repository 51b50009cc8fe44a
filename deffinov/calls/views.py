import mimetypes
from pathlib import PurePosixPath

from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from deffinov.calls.models import Call, DocumentRequirement
from deffinov.calls.pages import call_body
from deffinov.www.cache import cached_for_visitors


@cached_for_visitors
def call_list(request):
    """Public: the published calls and their waves."""
    calls = Call.objects.published().with_waves()
    return render(request, "calls/call_list.html", {"calls": calls, "now": timezone.now()})


@cached_for_visitors
def call_detail(request, slug):
    """Public: a published call, its rules, waves, events and documents. Unpublished calls are 404."""
    call = get_object_or_404(Call.objects.published(), slug=slug)
    now = timezone.now()
    return render(request, "calls/call_detail.html", {"call": call, "body": call_body(call, now), "now": now})


@require_GET
def requirement_template(request, slug, code):
    """Public: the template a published call offers for a document it requires, as an attachment; 404 without."""
    requirement = get_object_or_404(
        DocumentRequirement.objects.exclude(template=""), call__is_published=True, call__slug=slug, code=code
    )
    suffix = PurePosixPath(requirement.template.name).suffix
    response = FileResponse(
        requirement.template.open("rb"),
        as_attachment=True,
        filename=f"modele-{requirement.code}{suffix}",
        content_type=mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
