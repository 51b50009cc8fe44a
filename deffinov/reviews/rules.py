"""Who may do what in the expertise. Autodiscovered by django-rules.

Region staff (instructors) score dossiers and invite experts; an expert reaches only the dossiers of their own
invitations, through `deffinov.reviews.access.get_invitation_for_expert`.
"""

import rules

from deffinov.accounts.roles import is_instructor

rules.add_perm("reviews.score", is_instructor)
rules.add_perm("reviews.invite_expert", is_instructor)
