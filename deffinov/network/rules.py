"""Who may do what with places. Autodiscovered by django-rules; checked with user.has_perm(perm, organisation)."""

import rules

from deffinov.organisations.rules import is_organisation_admin, is_organisation_member

# A structure's administrators create, edit and publish its places; its members see the unpublished ones.
rules.add_perm("network.manage_places", is_organisation_admin)
rules.add_perm("network.view_unpublished_places", is_organisation_member)
