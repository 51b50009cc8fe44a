"""Who may do what in the committee. Autodiscovered by django-rules.

Instructors prepare sessions and record decisions once a session has taken place, as do the committee members
sitting on it; a functional administrator validates them with the deliberation; committee members read the sessions;
the people of a dossier's member structures download its decision letter.
"""

import rules

from deffinov.accounts.roles import is_committee_member, is_finance_officer, is_functional_admin, is_instructor
from deffinov.applications.rules import is_consortium_person


@rules.predicate
def sits_on_session(user, session):
    return user.is_authenticated and session is not None and session.members.filter(user=user).exists()


@rules.predicate
def sits_as_committee_member(user, session):
    return is_committee_member(user) and sits_on_session(user, session)


# Instructors prepare sessions (agenda, proposed amounts) and say when one has taken place.
rules.add_perm("committee.manage", is_instructor)
rules.add_perm("committee.hold_session", is_instructor)
# In a session that took place: its secretariat (an instructor) or a committee member sitting on it.
rules.add_perm("committee.record_decision", is_instructor | sits_as_committee_member)
# Validation with the deliberation of the Commission permanente makes decisions final and moves the dossiers
# (the workflow's accept / reject / committee dismissal transitions check `committee.decide`).
rules.add_perm("committee.validate_decisions", is_functional_admin)
rules.add_perm("committee.decide", is_functional_admin)
rules.add_perm("committee.view_sessions", is_instructor | is_committee_member | is_functional_admin)
rules.add_perm("committee.view_session", is_instructor | is_committee_member | is_functional_admin | sits_on_session)
rules.add_perm("committee.download_letter", is_instructor | is_finance_officer | is_consortium_person)
