from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from deffinov.emails.message import email_from_message


class StoredEmailBackend(BaseEmailBackend):
    """Store each message, then let a background task deliver it.

    The row and its task are written in the same transaction: if the caller's
    transaction is rolled back, nothing is stored and nothing is sent.
    """

    def send_messages(self, email_messages):
        from deffinov.emails.tasks import send_email

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            with transaction.atomic():
                email = email_from_message(message)
                email.save()
                send_email.enqueue(email.pk)
            count += 1
        return count
