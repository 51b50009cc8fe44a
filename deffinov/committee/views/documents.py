"""Files of the committee: minutes, a dossier as PDF, a dossier's pieces as zip, the decision letter."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_GET

from deffinov.applications.access import get_application_for_user
from deffinov.applications.models import Application
from deffinov.audit.models import record
from deffinov.committee import documents
from deffinov.committee.access import get_dossier, get_session, staff_required
from deffinov.committee.models import DecisionLetter


def pdf_response(content, filename, inline=True):
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@login_required
@require_GET
def minutes(request, pk):
    """Region staff, and the committee members of this session who have an account."""
    session = get_session(request.user, pk)
    return pdf_response(documents.minutes_pdf(session), f"proces-verbal-seance-{session.pk}.pdf")


@staff_required
@require_GET
def dossier_pdf(request, number):
    """Region staff only."""
    application = get_dossier(request.user, number)
    return pdf_response(documents.dossier_pdf(application), f"dossier-{application.number}.pdf")


@staff_required
@require_GET
def dossier_zip(request, number):
    """Region staff only; every download is audited."""
    application = get_dossier(request.user, number)
    archive, count = documents.pieces_zip(application)
    record(
        "committee.pieces_downloaded",
        actor=request.user,
        target=application,
        summary=f"{application.number} : pièces téléchargées en zip ({count} fichier(s))",
        data={"number": application.number, "count": count},
    )
    return FileResponse(
        archive, as_attachment=True, filename=f"pieces-{application.number}.zip", content_type="application/zip"
    )


@login_required
@require_GET
def letter(request, number):
    """People of the dossier's member structures, and Region staff; 404 for anybody else."""
    application = get_application_for_user(
        request.user, number, "applications.view_application", queryset=Application.objects.all()
    )
    if not request.user.has_perm("committee.download_letter", application):
        raise Http404("Lettre introuvable.")
    letter = (
        DecisionLetter.objects.filter(decision__application=application)
        .select_related("decision__application")
        .order_by("-decision__decided_at", "-pk")
        .first()
    )
    if letter is None:
        raise Http404("La lettre de décision n'est pas encore disponible.")
    return FileResponse(
        letter.file.open("rb"), as_attachment=True, filename=letter.filename, content_type="application/pdf"
    )
