"""An invitation belongs to the address it was sent to: who, among the signed-in, may take it up.

Holding the link is not enough: the account must hold the invited address, confirmed (allauth's `EmailAddress`,
compared case-insensitively). Someone without an account proves the address by the link itself, which was sent
there: the address is vouched for in their session, and an account created with exactly that address starts
confirmed (any other address follows allauth's usual confirmation). Used by the invitations to join a structure
and by the experts' invitations.
"""

import enum

from allauth.account.models import EmailAddress

SESSION_KEY = "invitation_vouched_addresses"


class Addressee(enum.Enum):
    CONFIRMED = "confirmed"  # the account holds the invited address, confirmed: it may take the invitation up
    UNCONFIRMED = "unconfirmed"  # the account holds the address but has not confirmed it yet
    SOMEBODY_ELSE = "somebody_else"  # another person's invitation: refused, nothing shown


def addressee(user, email):
    """How `user` (signed in) relates to the invited `email`."""
    addresses = EmailAddress.objects.filter(user_id=user.pk, email__iexact=email.strip())
    if addresses.filter(verified=True).exists():
        return Addressee.CONFIRMED
    if addresses.exists() or user.email.strip().lower() == email.strip().lower():
        return Addressee.UNCONFIRMED
    return Addressee.SOMEBODY_ELSE


def is_addressee(user, email):
    return user.is_authenticated and addressee(user, email) is Addressee.CONFIRMED


def confirmed_addresses(user):
    """The addresses `user` has confirmed (lower case), for the lists of invitations waiting for them."""
    if not user.is_authenticated:
        return []
    return [
        email.lower()
        for email in EmailAddress.objects.filter(user_id=user.pk, verified=True).values_list("email", flat=True)
    ]


def vouch_for(request, email):
    """The visitor opened a link sent to `email`: an account they create with exactly this address starts confirmed."""
    vouched = request.session.get(SESSION_KEY, [])
    if email.strip().lower() not in vouched:
        request.session[SESSION_KEY] = [*vouched[-9:], email.strip().lower()]


def confirm_vouched_address(request, user, **kwargs):
    """On `user_signed_up`, before allauth asks for a confirmation: the address the visitor's invitation link was
    sent to, if it is exactly the one they signed up with, is confirmed by that link."""
    vouched = request.session.pop(SESSION_KEY, []) if request is not None else []
    if user.email.strip().lower() in vouched:
        EmailAddress.objects.filter(user_id=user.pk, email__iexact=user.email.strip()).update(verified=True)
        # allauth reads the addresses of the new account from its cache: refresh it.
        EmailAddress.objects.fill_cache_for_user(user, list(EmailAddress.objects.filter(user_id=user.pk)))


def send_confirmation(request, user, email):
    """Email the confirmation link of the invited address to the account that holds it unconfirmed."""
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email__iexact=email.strip(), defaults={"email": email.strip().lower()}
    )
    if not address.verified:
        address.send_confirmation(request)
    return address
