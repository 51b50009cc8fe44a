"""Who may do what with items and loans. Autodiscovered by django-rules; checked on the structure."""

import rules

from deffinov.organisations.rules import is_organisation_admin

# A structure's administrators list its items, answer the requests, and borrow in its name.
rules.add_perm("loans.manage_items", is_organisation_admin)
rules.add_perm("loans.borrow_for", is_organisation_admin)
