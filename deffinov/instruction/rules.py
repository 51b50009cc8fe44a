"""Who may do what in the instruction. Autodiscovered by django-rules; checked with user.has_perm(perm, application).

Region staff (instructors) instruct; only an administrator of the platform reopens a decided dossier;
the people of the member structures reach the message thread only; the chef de file's administrators
send a corrected dossier back.
"""

import rules

from deffinov.accounts.roles import is_instructor, is_platform_admin
from deffinov.applications.rules import is_consortium_person, is_lead_admin

rules.add_perm("instruction.instruct", is_instructor)
rules.add_perm("instruction.start_review", is_instructor)
rules.add_perm("instruction.request_correction", is_instructor)
rules.add_perm("instruction.dismiss", is_instructor)
rules.add_perm("instruction.reopen", is_platform_admin)
rules.add_perm("instruction.resubmit", is_lead_admin)
rules.add_perm("instruction.view_messages", is_instructor | is_consortium_person)
rules.add_perm("instruction.post_message", is_instructor | is_consortium_person)
