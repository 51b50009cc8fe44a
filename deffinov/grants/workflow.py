"""The states of a funded project and the transitions between them, declared in one table.

    convention_to_sign --countersign--> signed --start--> running --begin_closing--> closing --close--> closed
            \\___________________ any live state --terminate--> terminated ____________________/

- countersign: the Region countersigns the convention the lead signed; its date is the convention's date and it
  unlocks the tranches due on signature (`deffinov.payments.schedule.unlock`).
- start: the project is under way (the first payment made, or its start date reached).
- begin_closing: the final report is in; the balance is being computed.
- close: the balance is paid or the recovery recorded.
- terminate: the Region ends the convention early, with a motivation; what was overpaid is recovered.

Each transition names who may trigger it (a django-rules permission on the project), its guard (raises
`ProjectError` with a French message) and what it writes. Each leaves a `ProjectTransition` row and an audit event;
the change is a conditional UPDATE on the current state, so two requests never both move a project.
Guards and effects that belong to conventions, payments and reports are registered by those modules in `HOOKS`.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from deffinov.applications.workflow import Transition
from deffinov.audit.models import record
from deffinov.formatting import PARIS, day
from deffinov.grants.models import LIVE_STATES, FundedProject, ProjectState, ProjectTransition


class ProjectError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def today(at):
    return at.astimezone(PARIS).date()


def guard_countersign(project, at, convention_date=None, **given):
    if not isinstance(convention_date, dt.date):
        raise ProjectError("Indiquez la date de la contre-signature.", "convention_date")
    if convention_date > today(at):
        raise ProjectError("La date de la contre-signature ne peut pas être dans le futur.", "convention_date")
    decided = project.decision.session.deliberation_date
    if decided and convention_date < decided:
        raise ProjectError(
            f"La convention ne peut pas être signée avant la délibération du {day(decided)}.", "convention_date"
        )
    return {"convention_date": convention_date}


def write_countersign(project, by, at, convention_date):
    return {"convention_date": convention_date}


def guard_motivation(project, at, motivation="", **given):
    if not (motivation or "").strip():
        raise ProjectError("Indiquez le motif.", "motivation")
    return {}


def guard_none(project, at, **given):
    return {}


TRANSITIONS = {
    "countersign": Transition(
        "countersign",
        ProjectState.CONVENTION_TO_SIGN,
        ProjectState.SIGNED,
        "Contre-signer la convention",
        "grants.countersign",
        guard_countersign,
        write_countersign,
    ),
    "start": Transition(
        "start",
        ProjectState.SIGNED,
        ProjectState.RUNNING,
        "Déclarer le projet en cours",
        "grants.manage_project",
        guard_none,
    ),
    "begin_closing": Transition(
        "begin_closing",
        ProjectState.RUNNING,
        ProjectState.CLOSING,
        "Passer en clôture",
        "grants.manage_project",
        guard_none,
    ),
    "close": Transition(
        "close", ProjectState.CLOSING, ProjectState.CLOSED, "Clôturer le projet", "grants.manage_project", guard_none
    ),
    **{
        f"terminate_{source}": Transition(
            f"terminate_{source}",
            source,
            ProjectState.TERMINATED,
            "Résilier la convention",
            "grants.terminate",
            guard_motivation,
        )
        for source in LIVE_STATES
    },
}

# Extra guards and effects registered by conventions, payments and reports, per transition name (or "terminate"):
# HOOKS[name]["guard"] and HOOKS[name]["after"] are lists of callables (project, by, at, **given).
HOOKS = {}


def register(name, guard=None, after=None):
    hooks = HOOKS.setdefault(name, {"guard": [], "after": []})
    if guard:
        hooks["guard"].append(guard)
    if after:
        hooks["after"].append(after)


def transition_name(project, name):
    return f"terminate_{project.state}" if name == "terminate" else name


def available(project, user):
    """The transitions `user` may trigger on `project` now (guards aside)."""
    return [t for t in TRANSITIONS.values() if t.source == project.state and user.has_perm(t.permission, project)]


def apply(project, name, by, at=None, motivation="", system=False, **given):
    """Run a transition; True when this call made it happen, False when another request already had.

    `system` is for transitions that follow from another action already permitted (a report accepted moves the
    project to closing): the permission of the transition itself is then not asked. Raises ProjectError."""
    spec = TRANSITIONS.get(transition_name(project, name))
    at = at or timezone.now()
    if spec is None or project.state != spec.source:
        raise ProjectError(f"Cette action n'est pas possible : le projet est « {ProjectState(project.state).label} ».")
    if not system and not by.has_perm(spec.permission, project):
        raise ProjectError("Vous n'avez pas le droit de faire cette action sur ce projet.")
    hooks = HOOKS.get(name, {"guard": [], "after": []})
    with transaction.atomic():
        if not FundedProject.objects.select_for_update().filter(pk=project.pk, state=spec.source).exists():
            return False
        context = spec.guard(project, at, motivation=motivation, **given)
        for guard in hooks["guard"]:
            guard(project, by, at, motivation=motivation, **given)
        updates = spec.write(project, by, at, **context) if spec.write else {}
        changed = FundedProject.objects.filter(pk=project.pk, state=spec.source).update(
            state=spec.target, updated_at=at, **updates
        )
        if changed != 1:
            return False
        project.refresh_from_db()
        ProjectTransition.objects.create(
            project=project, from_state=spec.source, to_state=spec.target, by=by, at=at, motivation=motivation
        )
        record(
            f"grants.project.{name}",
            actor=by,
            target=project,
            summary=f"{project.number} : {ProjectState(spec.source).label} → {ProjectState(spec.target).label}",
            data={"number": project.number, "from": spec.source, "to": spec.target, "motivation": motivation},
        )
        for after in hooks["after"]:
            after(project, by, at, motivation=motivation, **given)
    return True
