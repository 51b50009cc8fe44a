"""Decision letters: a PDF on the Region's letterhead per decision, made once the session's decisions are validated
with the deliberation, all in one batch, dated the validation day (Paris) and signed by the call's signatory; each is
stored once and emailed to every person of the collective."""

import base64
import hashlib

import filetype
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django_tasks import task

from deffinov.applications.models import Application
from deffinov.applications.receipts import recipients
from deffinov.committee.figures import with_figures
from deffinov.committee.models import Decision, DecisionLetter, SessionState
from deffinov.eligibility.engine import cofinancing_rate
from deffinov.emails.send import send_templated_email


class LetterNotReady(Exception):
    """A letter is made only for a decision of a session whose decisions are validated."""


def signature_data_uri(call):
    """The signature image as a data: URI (WeasyPrint reads no file path); "" without one or when unreadable."""
    if not call.signatory_image:
        return ""
    try:
        with call.signatory_image.open("rb") as image:
            content = image.read()
    except OSError:
        return ""
    kind = filetype.guess(content[:8192])
    if kind is None or kind.mime not in {"image/png", "image/jpeg"}:
        return ""
    return f"data:{kind.mime};base64,{base64.b64encode(content).decode()}"


def letter_context(decision):
    session = decision.session
    if session.state != SessionState.VALIDATED:
        raise LetterNotReady(f"Les décisions de la séance « {session.title} » ne sont pas encore validées.")
    application = with_figures(Application.objects.select_related("wave__call")).get(pk=decision.application_id)
    call = application.wave.call
    snapshot = application.snapshot or {}
    lead = next((m for m in snapshot.get("members", []) if m.get("is_lead")), None)
    return {
        "decision": decision,
        "session": session,
        "application": application,
        "call": call,
        "s": snapshot,
        "lead": lead,
        "dated": session.validated_at,
        "signature": signature_data_uri(call),
        "cofinancing": cofinancing_rate(application.total_expenses, decision.amount_granted)
        if decision.amount_granted
        else None,
    }


def letter_html(decision):
    return render_to_string("committee/pdf/letter.html", letter_context(decision))


def render_pdf(html):
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def make_and_send(decision_id):
    """Make the letter once (a retried task reuses it) and email it to each person of the member structures."""
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("application", "decided_by", "session")
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
                {"decision": decision, "application": decision.application, "session": decision.session},
                attachments=[(letter.filename, pdf, "application/pdf")],
            )
    return True


@task()
def send_session_letters(session_id):
    """Every letter of a validated session, in one batch; safe to run again (letters already made are skipped)."""
    decisions = Decision.objects.final().filter(session_id=session_id).order_by("application__number")
    return sum(1 for pk in decisions.values_list("pk", flat=True) if make_and_send(pk))
