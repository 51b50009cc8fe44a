"""Conversion between Django's email messages and stored `Email` rows."""

import base64
import mimetypes
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.html import strip_tags

from deffinov.emails.models import Email


def _attachment_to_json(attachment):
    if isinstance(attachment, MIMEBase):
        filename = attachment.get_filename() or "piece-jointe"
        mimetype = attachment.get_content_type()
        content = attachment.get_payload(decode=True) or b""
    else:
        filename, content, mimetype = attachment
        mimetype = mimetype or mimetypes.guess_type(filename or "")[0] or "application/octet-stream"
    if isinstance(content, str):
        content = content.encode()
    return {"filename": filename, "mimetype": mimetype, "content_b64": base64.b64encode(content).decode("ascii")}


def email_from_message(message):
    """An unsaved `Email` holding everything needed to send `message` later."""
    body_text, body_html = message.body or "", ""
    if message.content_subtype == "html":
        body_text, body_html = strip_tags(body_text), body_text
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html" and not body_html:
            body_html = content
    return Email(
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        headers={str(key): str(value) for key, value in message.extra_headers.items()},
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        subject=message.subject,
        body_text=body_text,
        body_html=body_html,
        attachments=[_attachment_to_json(attachment) for attachment in message.attachments],
    )


def message_from_email(email, connection=None):
    """The message to deliver, rebuilt from a stored `Email`."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=email.from_email,
        to=email.to,
        cc=email.cc,
        bcc=email.bcc,
        reply_to=email.reply_to,
        headers=email.headers,
        connection=connection,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(attachment["filename"], base64.b64decode(attachment["content_b64"]), attachment["mimetype"])
    return message
