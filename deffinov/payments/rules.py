"""Who may do what on a project's payments. Autodiscovered by django-rules; checked with user.has_perm(perm, project).

The lead's administrators request payments; an instructor validates a request first, then a finance officer
(never the same person); the finance officer records the payment, its failure and recoveries."""

import rules

from deffinov.accounts.roles import is_finance_officer, is_functional_admin, is_instructor
from deffinov.grants.rules import lead_admin

rules.add_perm("payments.view_queue", is_instructor | is_finance_officer | is_functional_admin)
rules.add_perm("payments.request", lead_admin)
rules.add_perm("payments.instruct", is_instructor)
rules.add_perm("payments.approve", is_finance_officer)
rules.add_perm("payments.send_back", is_instructor | is_finance_officer)
rules.add_perm("payments.record_payment", is_finance_officer)
rules.add_perm("payments.record_recovery", is_finance_officer)
