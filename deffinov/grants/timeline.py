"""A project's dated history, as its page shows it: opening, changes of state, convention versions, amendments."""

from dataclasses import dataclass
from datetime import datetime

from deffinov.formatting import day, euros
from deffinov.grants.models import ProjectState


@dataclass(frozen=True)
class Event:
    at: datetime
    title: str
    detail: str = ""
    by: str = ""


def _name(user):
    return user.get_full_name() or user.email if user else ""


def project_timeline(project, versions, amendments):
    decision = project.decision
    events = [
        Event(
            project.created_at,
            "Projet ouvert",
            f"Subvention de {euros(decision.amount_granted)} accordée par la délibération "
            f"n° {decision.session.deliberation_reference} du {day(decision.session.deliberation_date)}",
        )
    ]
    for step in project.transitions.select_related("by"):
        detail = f"Date de la convention : {day(project.convention_date)}" if step.to_state == "signed" else ""
        events.append(Event(step.at, ProjectState(step.to_state).label, step.motivation or detail, _name(step.by)))
    for version in versions:
        if version.version == "signed":  # the countersignature is the change of state above
            events.append(Event(version.at, "Convention signée par le chef de file déposée", "", _name(version.by)))
    for amendment in amendments:
        events.append(
            Event(
                amendment.created_at,
                f"Avenant n° {amendment.number} du {day(amendment.signed_on)}",
                " ; ".join(amendment.changes) + f". Motif : {amendment.motivation}",
                _name(amendment.by),
            )
        )
    return sorted(events, key=lambda event: event.at)
