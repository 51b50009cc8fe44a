"""Send an email written as templates, for every app of the platform."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation


def render_text(template_name, context):
    """Plain text is not HTML: nothing in it is escaped."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def render_templated_email(to, template_prefix, context, attachments=()):
    """Render `<prefix>_subject.txt`, `<prefix>_body.txt` and the optional `<prefix>_body.html`.

    `to` is an address or a list of addresses; each attachment is a
    `(filename, content, mimetype)` tuple.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_text(f"{template_prefix}_subject.txt", context).split())
        body_text = render_text(f"{template_prefix}_body.txt", context).strip()
        try:
            body_html = render_to_string(f"{template_prefix}_body.html", context).strip()
        except TemplateDoesNotExist:
            body_html = ""
    message = EmailMultiAlternatives(subject=subject, body=body_text, to=recipients)
    if body_html:
        message.attach_alternative(body_html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send_templated_email(to, template_prefix, context, attachments=()):
    """Store the email; a background task delivers it once the current transaction commits."""
    return render_templated_email(to, template_prefix, context, attachments).send()
