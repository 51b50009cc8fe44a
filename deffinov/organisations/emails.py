from django.utils import timezone

from deffinov.emails.send import send_templated_email


def send_invitation_email(invitation):
    """The invited person receives the link to join; stored, then sent by the background worker."""
    send_templated_email(
        invitation.email,
        "organisations/emails/invitation",
        {
            "organisation": invitation.organisation,
            "invited_by": invitation.invited_by,
            "role_phrase": invitation.role_phrase,
            "accept_url": invitation.accept_url,
            "expires_at": timezone.localtime(invitation.expires_at),
        },
    )
