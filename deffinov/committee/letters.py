"""The decision letter: a PDF on the Region's letterhead, stored once, emailed to every person of the consortium."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from deffinov.applications.models import Application
from deffinov.applications.receipts import recipients
from deffinov.committee.figures import cofinancing_rate, with_figures
from deffinov.committee.models import Decision, DecisionLetter
from deffinov.emails.send import send_templated_email


def letter_context(decision):
    application = with_figures(Application.objects.select_related("wave__call")).get(pk=decision.application_id)
    snapshot = application.snapshot or {}
    lead = next((m for m in snapshot.get("members", []) if m.get("is_lead")), None)
    return {
        "decision": decision,
        "application": application,
        "s": snapshot,
        "lead": lead,
        "today": timezone.now(),
        "cofinancing": cofinancing_rate(decision.amount_granted, application.total_expenses)
        if decision.amount_granted
        else None,
    }


def letter_html(decision):
    return render_to_string("committee/pdf/letter.html", letter_context(decision))


def render_pdf(html):
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


@task()
def send_decision_letter(decision_id):
    """Make the letter once (a retried task reuses it) and email it to each person of the member structures."""
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("application", "decided_by")
            .get(pk=decision_id)
        )
        if DecisionLetter.objects.filter(decision=decision).exists():
            return False
        pdf = render_pdf(letter_html(decision))
        letter = DecisionLetter(decision=decision, sha256=hashlib.sha256(pdf).hexdigest())
        letter.file.save(letter.filename, ContentFile(pdf), save=False)
        emails = recipients(decision.application)
        letter.sent_to = emails
        letter.save()
        for email in emails:
            send_templated_email(
                [email],
                "committee/emails/decision",
                {"decision": decision, "application": decision.application},
                attachments=[(letter.filename, pdf, "application/pdf")],
            )
    return True
