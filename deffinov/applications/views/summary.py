"""The applicants' copy of their dossier as a PDF."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from deffinov.applications.access import get_application_for_user
from deffinov.applications.dossier_pdf import dossier_filename, dossier_html, render_pdf


@login_required
@require_GET
def dossier_pdf(request, number):
    """People of the collectif's member structures, and Region staff: the dossier whole, without staff notes."""
    application = get_application_for_user(request.user, number, "applications.download_dossier")
    response = HttpResponse(render_pdf(dossier_html(application)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{dossier_filename(application)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
