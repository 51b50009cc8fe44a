"""The thread between a consortium and the Region: who reads it, posting a message with its attachments."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from deffinov.accounts.roles import Role
from deffinov.instruction.models import Message, MessageAttachment, PendingNotification
from deffinov.organisations.models import Membership

DIGEST_DELAY = timedelta(minutes=5)


def consortium_people(application):
    """Active people of the accepted member structures of the dossier."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation__participations__application=application,
            memberships__organisation__participations__status="accepted",
        )
        .distinct()
    )


def region_people(application):
    """The instructors in charge of the dossier; every active instructor when nobody is assigned yet."""
    users = get_user_model().objects.filter(is_active=True)
    assigned = users.filter(assignments__application=application)
    return assigned if assigned.exists() else get_user_model().objects.with_role(Role.INSTRUCTOR)


def recipients_of(message):
    people = region_people(message.application) if not message.from_region else consortium_people(message.application)
    return [person for person in people if person.pk != message.author_id]


def post_message(application, author, body, uploads=()):
    """Store the message and its checked attachments, then queue one digest per recipient."""
    from deffinov.instruction.notifications import send_message_digest

    from_region = author.has_perm("instruction.instruct")
    with transaction.atomic():
        message = Message.objects.create(application=application, author=author, body=body, from_region=from_region)
        for upload, content_type, sha256, name in uploads:
            attachment = MessageAttachment(
                message=message, original_name=name, size=upload.size, content_type=content_type, sha256=sha256
            )
            attachment.file.save(name, upload, save=False)
            attachment.save()
        now = timezone.now()
        for recipient in recipients_of(message):
            # A digest is already on its way when this person has notifications waiting.
            waiting = PendingNotification.objects.filter(recipient=recipient, sent_at__isnull=True).exists()
            PendingNotification.objects.create(recipient=recipient, message=message, created_at=now)
            if not waiting:
                # Stored in the database in this same transaction: no message, no task.
                send_message_digest.using(run_after=now + DIGEST_DELAY).enqueue(recipient.pk)
    return message


def thread(application):
    return application.messages.select_related("author").prefetch_related("attachments")


def unread_count(user, application):
    """Messages of the other side `user` has not read yet: those still waiting in their notifications."""
    return PendingNotification.objects.filter(recipient=user, message__application=application).count()


def mark_read(user, application):
    """`user` has read the thread: nothing of it waits for them any more, in the page or in a digest to come."""
    PendingNotification.objects.filter(recipient=user, message__application=application).delete()


def is_member_of_consortium(user, application):
    return Membership.objects.filter(
        user=user,
        organisation__participations__application=application,
        organisation__participations__status="accepted",
    ).exists()
