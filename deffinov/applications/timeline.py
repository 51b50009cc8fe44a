"""A dossier's dated history, read from the rows other parts of the platform already write.

One query per source, whatever the size of the dossier: its changes of state, the Region's correction requests,
the structures that joined, and for Region staff the assignments, labels and experts' opinions."""

from dataclasses import dataclass
from datetime import datetime

from deffinov.applications.models import ApplicationTransition, Participation, State

# Changes of state the collectif reads as such; the others are told by a richer source (correction requests)
# or are the Region's own business (the start of the instruction).
PUBLIC_STATES = {
    State.SUBMITTED: "Dossier déposé",
    State.WITHDRAWN: "Dossier retiré",
    State.ACCEPTED: "Dossier accepté",
    State.REJECTED: "Dossier refusé",
    State.DISMISSED: "Dossier classé sans suite",
}


@dataclass(frozen=True)
class Event:
    at: datetime
    title: str
    detail: str = ""
    by: str = ""
    staff_only: bool = False


def _name(user):
    return str(user) if user is not None else ""


def _transitions(application, staff):
    events = []
    rows = ApplicationTransition.objects.filter(application=application).select_related("by").order_by("at", "pk")
    for row in rows:
        if row.to_state == State.CORRECTION_REQUESTED or row.from_state == State.CORRECTION_REQUESTED:
            continue
        if row.to_state in PUBLIC_STATES:
            decided = row.to_state in (State.ACCEPTED, State.REJECTED, State.DISMISSED)
            # A decision is the Region's: the collectif reads who decided only as « la Région ».
            by = _name(row.by) if staff or not decided else "Région Normandie"
            detail = row.motivation if decided else ""
            events.append(Event(row.at, PUBLIC_STATES[row.to_state], detail, by))
        elif row.to_state == State.IN_REVIEW and row.from_state == State.SUBMITTED:
            events.append(Event(row.at, "Instruction commencée", "", _name(row.by), staff_only=True))
        elif row.to_state == State.IN_REVIEW:
            events.append(Event(row.at, "Instruction rouverte", row.motivation, _name(row.by), staff_only=True))
    return events


def _corrections(application):
    from deffinov import formatting

    events = []
    for correction in application.correction_requests.select_related("requested_by", "resubmitted_by"):
        detail = f"{correction.get_reason_display()} : {correction.details} (à renvoyer avant le "
        detail += f"{formatting.day(correction.due_on)})"
        events.append(
            Event(correction.requested_at, "Correction demandée par la Région", detail, _name(correction.requested_by))
        )
        if correction.resubmitted_at:
            changes = len(correction.changes or [])
            said = f"{changes} modification{'s' if changes > 1 else ''}" if changes else "aucune modification"
            events.append(
                Event(correction.resubmitted_at, "Dossier corrigé renvoyé", said, _name(correction.resubmitted_by))
            )
    return events


def _members(application):
    events = []
    participations = (
        Participation.objects.filter(application=application, status=Participation.Status.ACCEPTED)
        .select_related("organisation")
        .order_by("pk")
    )
    for participation in participations:
        at = participation.answered_at or participation.invited_at
        title = "Chef de file" if participation.is_lead else participation.get_role_display()
        events.append(Event(at, f"{participation.organisation.name} rejoint le collectif", title))
    return events


def _staff_events(application):
    from deffinov.instruction.models import ApplicationLabel, Assignment
    from deffinov.reviews.models import ExpertInvitation

    events = []
    for assignment in Assignment.objects.filter(application=application).select_related("instructor", "assigned_by"):
        events.append(
            Event(
                assignment.assigned_at,
                f"Dossier attribué à {assignment.instructor}",
                "",
                _name(assignment.assigned_by),
                staff_only=True,
            )
        )
    for row in ApplicationLabel.objects.filter(application=application).select_related("label", "added_by"):
        events.append(
            Event(row.added_at, f"Étiquette « {row.label.name} » ajoutée", "", _name(row.added_by), staff_only=True)
        )
    opinions = ExpertInvitation.objects.filter(application=application, answered_at__isnull=False).select_related(
        "user"
    )
    for invitation in opinions:
        events.append(
            Event(
                invitation.answered_at,
                "Avis d'expert rendu",
                invitation.get_verdict_display(),
                _name(invitation.user),
                staff_only=True,
            )
        )
    return events


def timeline(application, staff=False):
    """The dossier's events, oldest first; Region staff also read the instruction's own events."""
    events = [Event(application.created_at, "Dossier créé", "", _name(application.created_by))]
    events += _members(application)
    events += _transitions(application, staff)
    events += _corrections(application)
    if staff:
        events += _staff_events(application)
    else:
        events = [event for event in events if not event.staff_only]
    return sorted(events, key=lambda event: event.at)
