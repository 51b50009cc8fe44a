"""Who may do what on a funded project. Autodiscovered by django-rules; checked with user.has_perm(perm, project).

The people of its collectif follow it, and the lead's administrators sign, report and request payments; instructors
follow every project; a functional administrator countersigns conventions and terminates; finance officers read.
"""

import rules

from deffinov.accounts.roles import is_finance_officer, is_functional_admin, is_instructor
from deffinov.applications.rules import is_consortium_person, is_lead_admin


@rules.predicate
def in_collectif(user, project):
    return project is not None and is_consortium_person(user, project.application)


@rules.predicate
def lead_admin(user, project):
    return project is not None and is_lead_admin(user, project.application)


is_region_follower = is_instructor | is_functional_admin | is_finance_officer

rules.add_perm("grants.view_projects", is_region_follower)
rules.add_perm("grants.view_project", is_region_follower | in_collectif)
rules.add_perm("grants.act_for_project", lead_admin)  # sign, report and request payments for the collectif
rules.add_perm("grants.manage_project", is_instructor)  # start, move to closing, close
rules.add_perm("grants.countersign", is_functional_admin)
rules.add_perm("grants.terminate", is_functional_admin)
rules.add_perm("grants.amend", is_functional_admin)  # record an amendment (« avenant »)
