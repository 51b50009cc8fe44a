"""The guard every submission of a dossier goes through, the first one and each resubmission after a correction.

Every blocking rule of the engine is checked on the dossier as it stands, read whole from the database.
A resubmission is judged as a first submission, except that the Region's due date for the correction
stands for the wave's closing (`deffinov.applications.facts.verdict_for`).
"""

from deffinov.applications.facts import verdict_for, with_dossier
from deffinov.applications.models import Application


class TransitionError(Exception):
    def __init__(self, message, failing_rules=()):
        super().__init__(message)
        self.message = message
        self.failing_rules = list(failing_rules)


def require_eligible(application, at, refusal):
    """The dossier read whole and its verdict at `at`; raise TransitionError (`refusal`) when a rule blocks."""
    fresh = with_dossier(Application.objects.filter(pk=application.pk)).get()
    verdict = verdict_for(fresh, at=at, check_documents=True)
    if not verdict.eligible:
        raise TransitionError(refusal, failing_rules=[rule for rule in verdict.rules if rule.blocking])
    return fresh, verdict
