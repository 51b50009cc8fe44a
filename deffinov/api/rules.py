"""Who may hold API tokens and what the token-authenticated endpoints allow. Autodiscovered by django-rules.

A token acts for its user: these permissions are the user's, checked on every request made with the token."""

import rules

from deffinov.accounts.roles import is_region_agent

rules.add_perm("api.manage_tokens", is_region_agent)  # create, list and revoke one's own tokens
rules.add_perm("api.read_applications", is_region_agent)  # dossiers of a wave, their scores and decisions
# Tranches are read with grants.view_projects and paid with payments.record_payment, as in the site.
