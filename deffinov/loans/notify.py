"""Who is told what about a loan: the owner's administrators of a request, the borrower of the answer."""

from deffinov.emails.send import send_templated_email
from deffinov.organisations.models import Membership


def admins_of(organisation_id):
    return sorted(
        set(
            Membership.objects.filter(
                organisation_id=organisation_id, role=Membership.Role.ADMIN, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )


def borrower_emails(loan):
    """The borrowing structure's administrators and the person who asked."""
    emails = set(admins_of(loan.borrower_id)) if loan.borrower_id else set()
    if loan.requested_by.is_active:
        emails.add(loan.requested_by.email)
    return sorted(emails)


def _send(emails, template, context):
    for email in emails:
        send_templated_email([email], f"loans/emails/{template}", context)
    return len(emails)


def requested(loan):
    return _send(admins_of(loan.item.organisation_id), "requested", {"loan": loan, "item": loan.item})


def changed(loan, transition, motivation):
    """The other side hears of an answer, a cancellation, a return."""
    context = {"loan": loan, "item": loan.item, "transition": transition, "motivation": motivation}
    if transition.name == "cancel_request":
        return _send(admins_of(loan.item.organisation_id), "changed", context)
    return _send(borrower_emails(loan), "changed", context)


def reminder(loan, kind):
    return _send(borrower_emails(loan), "reminder", {"loan": loan, "item": loan.item, "kind": kind})
