"""The guard every submission of a dossier goes through, the first one and each resubmission after a correction.

Every blocking rule of the engine is checked on the dossier as it stands, read whole from the database.
A resubmission is judged as a first submission, except that the Region's due date for the correction
stands for the wave's closing.
"""

import dataclasses

from deffinov.applications.facts import verdict_for, with_dossier
from deffinov.applications.models import Application
from deffinov.eligibility import formatting as fmt
from deffinov.eligibility.facts import RuleResult


class TransitionError(Exception):
    def __init__(self, message, failing_rules=()):
        super().__init__(message)
        self.message = message
        self.failing_rules = list(failing_rules)


def require_eligible(application, at, refusal, closes_at=None):
    """The dossier read whole and its verdict at `at`; raise TransitionError (`refusal`) when a rule blocks.

    With `closes_at`, the wave's closing is replaced by that instant (a correction's due date)."""
    fresh = with_dossier(Application.objects.filter(pk=application.pk)).get()
    verdict = verdict_for(fresh, at=at, check_documents=True, closes_at=closes_at)
    if closes_at is not None:
        verdict = _with_due_date(verdict, closes_at)
    if not verdict.eligible:
        raise TransitionError(refusal, failing_rules=[rule for rule in verdict.rules if rule.blocking])
    return fresh, verdict


def _with_due_date(verdict, closes_at):
    """The wave's rule, said as what it checked on a resubmission: the Region's due date."""
    rules = []
    for rule in verdict.rules:
        if rule.code == "wave.open" and not rule.blocking:
            rule = RuleResult(
                rule.code,
                rule.status,
                "Dossier corrigé renvoyé avant la date limite fixée par la Région : "
                f"le {fmt.paris_datetime(closes_at)} (heure de Paris).",
                {**rule.details, "due_at": closes_at.isoformat()},
                rule.field,
            )
        rules.append(rule)
    return dataclasses.replace(verdict, rules=tuple(rules))
