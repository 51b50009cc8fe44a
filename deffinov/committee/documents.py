"""The committee's documents: the minutes of a session, a dossier as one PDF, a dossier's pieces as a zip."""

import re
import tempfile
import zipfile

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from deffinov.applications.dossier_pdf import dossier_html as dossier_document_html
from deffinov.applications.models import Document
from deffinov.committee.letters import render_pdf
from deffinov.committee.ranking import session_ranking
from deffinov.reviews.models import ExpertInvitation, Score, ensure_default_grid
from deffinov.reviews.scoring import board_for


def minutes_html(session):
    ranking = session_ranking(session)
    context = {
        "session": session,
        "members": session.members.all(),
        "ranking": ranking,
        "decided": [row for row in ranking.rows if row.decision],
        "today": timezone.now(),
    }
    return render_to_string("committee/pdf/minutes.html", context)


def minutes_pdf(session):
    return render_pdf(minutes_html(session))


def dossier_html(application):
    criteria = ensure_default_grid(application.wave.call)
    reviews = application.reviews.select_related("reviewer").prefetch_related(
        Prefetch("scores", queryset=Score.objects.select_related("criterion"))
    )
    # The applicants' document (deffinov.applications.dossier_pdf), with the Region's scores and opinions added.
    return dossier_document_html(
        application,
        template="committee/pdf/dossier.html",
        board=board_for(application, criteria, reviews),
        opinions=application.expert_invitations.filter(status=ExpertInvitation.Status.ANSWERED),
    )


def dossier_pdf(application):
    return render_pdf(dossier_html(application))


def safe_name(text):
    return re.sub(r"[^\w.\- ]+", "_", text).strip() or "piece"


def pieces_zip(application):
    """The dossier's supporting documents in a temporary zip file (one folder per structure), rewound."""
    documents = (
        Document.objects.filter(application=application, participation__status="accepted")
        .select_related("participation__organisation")
        .order_by("participation__organisation__name", "kind", "pk")
    )
    archive_file = tempfile.TemporaryFile()  # noqa: SIM115 (returned open; the response closes it)
    names = set()
    count = 0
    with zipfile.ZipFile(archive_file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            folder = safe_name(document.participation.organisation.name)
            name = f"{folder}/{safe_name(document.get_kind_display())} – {safe_name(document.original_name)}"
            while name in names:
                name = f"{name.rsplit('.', 1)[0]}-{document.pk}.{name.rsplit('.', 1)[-1]}"
            names.add(name)
            with document.file.open("rb") as source, archive.open(name, "w") as target:
                for chunk in iter(lambda source=source: source.read(64 * 1024), b""):
                    target.write(chunk)
            count += 1
    archive_file.seek(0)
    return archive_file, count
