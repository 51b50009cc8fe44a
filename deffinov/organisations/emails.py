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


def send_claim_requested_email(claim):
    """The structure's administrators are asked to answer a claim, at the address their accounts hold."""
    admins = claim.organisation.memberships.filter(role="admin").select_related("user")
    recipients = sorted({membership.user.email for membership in admins if membership.user.email})
    if not recipients:
        return
    send_templated_email(
        recipients,
        "organisations/emails/claim_requested",
        {"claim": claim, "organisation": claim.organisation, "due": timezone.localtime(claim.answer_due_at)},
    )


def send_claim_decided_email(claim):
    """The claimant learns the decision."""
    send_templated_email(
        claim.claimant.email,
        "organisations/emails/claim_decided",
        {"claim": claim, "organisation": claim.organisation},
    )
