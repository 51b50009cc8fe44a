"""Who may do what with bookings. Autodiscovered by django-rules; checked with user.has_perm(perm, organisation).

The host of a place is an administrator of its structure; a training organisation's members book for its
learners."""

import rules

from deffinov.organisations.kinds import Kind
from deffinov.organisations.rules import is_organisation_admin, is_organisation_member


@rules.predicate
def is_training_organisation(user, organisation):
    return organisation is not None and Kind.ORGANISME_FORMATION.value in (organisation.kinds or [])


rules.add_perm("bookings.host", is_organisation_admin)
rules.add_perm("bookings.book_for_group", is_organisation_member & is_training_organisation)
