import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from deffinov.emails.message import message_from_email
from deffinov.emails.models import Email

logger = logging.getLogger(__name__)


@task()
def send_email(email_id):
    """Deliver a stored email once, through the real delivery backend.

    The row stays locked while it is delivered, so two workers running the
    same task cannot send it twice; a sent email is never sent again.
    A failure is recorded on the row, then raised so the worker marks the task as failed.
    """
    failure = None
    with transaction.atomic():
        email = Email.objects.select_for_update().filter(pk=email_id).first()
        if email is None:
            logger.warning("Email %s no longer exists: nothing to send.", email_id)
            return False
        if email.is_sent:
            return False
        email.attempts += 1
        try:
            connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
            message_from_email(email, connection=connection).send()
        except Exception as error:  # noqa: BLE001 - recorded on the row, then raised again below
            failure = error
            email.last_error = f"{type(error).__name__}: {error}"
        else:
            email.sent_at = timezone.now()
            email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "sent_at"])
    if failure is not None:
        raise failure
    return True
