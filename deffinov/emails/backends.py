from django.core.mail.backends.base import BaseEmailBackend


class StoredEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise NotImplementedError
