"""The accusé de réception: a PDF made from the frozen dossier, stored, then emailed to every member's people."""

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from deffinov.applications.models import Application, Receipt
from deffinov.emails.send import send_templated_email
from deffinov.organisations.models import Membership


def receipt_html(application):
    context = {"application": application, "s": application.snapshot}
    return render_to_string("applications/receipt/receipt.html", context)


def render_receipt_pdf(application):
    from weasyprint import HTML

    return HTML(string=receipt_html(application)).write_pdf()


def receipt_filename(application):
    return f"accuse-de-reception-{application.number}.pdf"


def recipients(application):
    """Every person of every accepted member structure, once."""
    emails = Membership.objects.filter(
        organisation__participations__application=application,
        organisation__participations__status="accepted",
        user__is_active=True,
    ).values_list("user__email", flat=True)
    return sorted(set(emails))


def is_outdated(receipt, application):
    """True when the dossier was sent back corrected after this receipt was made."""
    resubmitted_at = (application.snapshot or {}).get("resubmitted_at")
    return bool(resubmitted_at) and receipt.created_at <= dt.datetime.fromisoformat(resubmitted_at)


@task()
def send_receipts(application_id):
    """Make the receipt once (a retried task reuses it) and email it to each person of the consortium."""
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("wave__call").get(pk=application_id)
        receipt = Receipt.objects.filter(application=application).first()
        if receipt is not None and not is_outdated(receipt, application):
            return False
        pdf = render_receipt_pdf(application)
        # A corrected dossier sent back gets a new receipt, which replaces the one of the previous version.
        receipt = receipt or Receipt(application=application)
        receipt.sha256 = hashlib.sha256(pdf).hexdigest()
        receipt.created_at = timezone.now()
        receipt.file.save(receipt_filename(application), ContentFile(pdf), save=False)
        receipt.save()
        for email in recipients(application):
            send_templated_email(
                [email],
                "applications/emails/receipt",
                {"application": application, "s": application.snapshot},
                attachments=[(receipt_filename(application), pdf, "application/pdf")],
            )
    return True
