"""What the eligibility engine reads: plain data, independent of the ORM.

The UI, the submission guard, the instruction screens, the public simulator and the API
all build these objects, then call `deffinov.eligibility.engine.evaluate(facts, rules, at)`.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class ProjectStart(StrEnum):
    """From when a call lets a project start (`schedule.start`)."""

    SUBMISSION = "submission"  # not before the dossier is filed
    WAVE_OPENING = "wave_opening"  # not before the wave opens
    ANY = "any"  # no constraint


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 - a rule status, not a password
    WARNING = "warning"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class CallRules:
    """Every number of the call, taken from its configuration (`rules_from_call`)."""

    grant_min: Decimal
    grant_max: Decimal
    cofinancing_floor: Decimal
    duration_min_months: int
    duration_max_months: int
    programme_ends_on: dt.date
    eligible_departments: frozenset[str]
    criteria: tuple[tuple[str, str], ...]  # (code, label) of each tiers-lieu criterion
    min_tiers_lieu_members: int = 1
    min_training_members: int = 1
    min_distinct_members: int = 2
    seniority_months: int = 12
    de_minimis_ceiling: Decimal = Decimal(300_000)
    communication_cap_rate: Decimal = Decimal("0.10")  # communication expenses ≤ this share of eligible expenses
    # From when a project may start: ProjectStart (the filing day, the wave's opening day, or any day).
    project_start: str = "submission"
    # The wave's window; None when no wave is known.
    wave_opens_at: dt.datetime | None = None
    wave_closes_at: dt.datetime | None = None
    wave_title: str = ""


@dataclass(frozen=True)
class MemberFacts:
    name: str
    siren: str
    kinds: frozenset[str]
    counted: bool = True
    lead: bool = False
    created_on: dt.date | None = None
    place_opened_on: dt.date | None = None
    # criterion code -> justification (empty or missing means not declared)
    tiers_lieu_criteria: dict[str, str] = field(default_factory=dict)
    de_minimis_received: Decimal = Decimal(0)
    grant_share: Decimal = Decimal(0)  # share of the grant this member receives, 0..1
    # None: documents not checked (the simulator); else the labels of the missing required documents.
    missing_documents: tuple[str, ...] | None = None


@dataclass(frozen=True)
class BudgetFacts:
    expenses: Decimal = Decimal(0)  # total eligible expenses, in-kind included
    requested_grant: Decimal = Decimal(0)
    own_funds: Decimal = Decimal(0)
    other_public: Decimal = Decimal(0)
    private: Decimal = Decimal(0)
    in_kind: Decimal = Decimal(0)
    communication: Decimal = Decimal(0)  # the part of `expenses` spent on communication

    @property
    def resources(self):
        return self.requested_grant + self.own_funds + self.other_public + self.private + self.in_kind


@dataclass(frozen=True)
class ApplicationFacts:
    members: tuple[MemberFacts, ...]
    departements: frozenset[str]  # départements of the places of activity
    budget: BudgetFacts
    start_on: dt.date | None = None
    end_on: dt.date | None = None
    check_documents: bool = False  # False in the simulator: documents.complete is not_applicable
    # When the dossier was first filed (a resubmission keeps it); None: the instant of the evaluation.
    filed_at: dt.datetime | None = None


@dataclass(frozen=True)
class RuleResult:
    code: str
    status: Status
    message: str
    details: dict = field(default_factory=dict)
    field: str = ""  # where to fix it in the dossier form (an anchor), when known

    @property
    def blocking(self):
        return self.status == Status.FAIL


@dataclass(frozen=True)
class Verdict:
    rules: tuple[RuleResult, ...]

    @property
    def eligible(self):
        return not any(result.status == Status.FAIL for result in self.rules)

    def result(self, code):
        return next(result for result in self.rules if result.code == code)

    def as_dict(self):
        return {
            "eligible": self.eligible,
            "rules": [
                {"code": r.code, "status": str(r.status), "message": r.message, "details": r.details}
                for r in self.rules
            ],
        }
