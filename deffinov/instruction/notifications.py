"""Emails of the instruction: message digests (at most one per person every five minutes) and correction requests."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from deffinov.emails.send import send_templated_email
from deffinov.instruction.models import PendingNotification


def send_digest_now(recipient_id):
    """Email `recipient_id` every message waiting for them, in one email; return how many messages it held."""
    with transaction.atomic():
        pending = list(
            PendingNotification.objects.select_for_update(of=("self",))
            .filter(recipient_id=recipient_id, sent_at__isnull=True)
            .select_related("recipient", "message__application", "message__author")
            .order_by("message__application__number", "message__created_at")
        )
        if not pending:
            return 0
        recipient = pending[0].recipient
        threads = {}
        for notification in pending:
            application = notification.message.application
            threads.setdefault(application.number, {"application": application, "messages": []})
            threads[application.number]["messages"].append(notification.message)
        for entry in threads.values():
            number = entry["application"].number
            # Applicants read their messages under their own dossier's pages.
            path = "instruction:dossier" if recipient.has_perm("instruction.instruct") else "applications:messages"
            entry["url"] = reverse(path, args=[number])
        if recipient.is_active:
            send_templated_email(
                [recipient.email],
                "instruction/emails/message_digest",
                {"user": recipient, "threads": list(threads.values()), "count": len(pending)},
            )
        PendingNotification.objects.filter(pk__in=[n.pk for n in pending]).update(sent_at=timezone.now())
    return len(pending)


@task()
def send_message_digest(recipient_id):
    return send_digest_now(recipient_id)


def notify_correction_requested(correction):
    """Every person of the consortium learns what to correct, and by when."""
    from deffinov.instruction.messaging import consortium_people

    application = correction.application
    url = reverse("applications:detail", args=[application.number])
    for person in consortium_people(application):
        send_templated_email(
            [person.email],
            "instruction/emails/correction_requested",
            {"user": person, "application": application, "correction": correction, "url": url},
        )


def notify_resubmitted(correction):
    """The instructors in charge of the dossier (every instructor when nobody is assigned) learn it came back."""
    from deffinov.instruction.messaging import region_people

    application = correction.application
    url = reverse("instruction:dossier", args=[application.number])
    for person in region_people(application):
        send_templated_email(
            [person.email],
            "instruction/emails/correction_answered",
            {"user": person, "application": application, "correction": correction, "url": url},
        )
