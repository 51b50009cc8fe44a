"""Who may do what with partner ads and threads. Autodiscovered by django-rules."""

import rules

from deffinov.organisations.rules import is_organisation_admin, is_organisation_member

# A structure's administrators post, edit, pause and close its ads; its members see them whatever their status
# and write to other structures in its name.
rules.add_perm("matchmaking.manage_ads", is_organisation_admin)
rules.add_perm("matchmaking.view_ads", is_organisation_member)
rules.add_perm("matchmaking.write_for", is_organisation_member)
