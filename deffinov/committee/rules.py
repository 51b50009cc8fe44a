"""Who may do what in the committee. Autodiscovered by django-rules.

Region staff prepare sessions and record decisions; a committee member with an account reads the sessions
they sit on; the people of a dossier's member structures download its decision letter.
"""

import rules

from deffinov.accounts.roles import is_committee_member, is_finance_officer, is_instructor
from deffinov.applications.rules import is_consortium_person


@rules.predicate
def sits_on_session(user, session):
    return user.is_authenticated and session is not None and session.members.filter(user=user).exists()


rules.add_perm("committee.manage", is_instructor)
rules.add_perm("committee.decide", is_instructor)
rules.add_perm("committee.view_session", is_instructor | is_committee_member | sits_on_session)
rules.add_perm("committee.download_letter", is_instructor | is_finance_officer | is_consortium_person)
