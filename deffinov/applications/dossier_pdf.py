"""The dossier as one PDF: the same document for the applicants and for the Region.

The applicants' version is this document alone; the Region's (`deffinov.committee.documents`) extends the same
template with what only staff see (scores, experts' opinions), never the reverse.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from deffinov.applications.summary import summary_for


def dossier_context(application):
    return {"application": application, "s": summary_for(application), "today": timezone.now()}


def dossier_html(application, template="applications/pdf/dossier.html", **extra):
    return render_to_string(template, dossier_context(application) | extra)


def render_pdf(html):
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def dossier_filename(application):
    return f"dossier-{application.number}.pdf"
