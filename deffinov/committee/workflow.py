"""The states of a committee session and the transitions between them, declared in one table.

    planned (« Prévue »)  --hold-->  held (« Tenue »)  --validate-->  validated (« Décisions validées »)

- In a planned session, instructors compose the agenda and propose amounts: amounts are proposals.
- Once its date has passed (Paris time), an instructor (the committee's secretariat) declares it held; decisions
  are then recorded by the secretariat or a committee member sitting on it (deffinov.committee.decisions).
- A functional administrator validates the decisions with the reference and date of the deliberation of the
  Commission permanente that votes the grants. The dossiers then move (accepted, rejected, dismissed) through the
  dossier's workflow, and the letters go out in one batch, dated that day and signed by the call's signatory.

Each transition names who may trigger it (a django-rules permission on the session), its guard (raises
`SessionError` with a French message) and what it writes. Every transition leaves a `SessionTransition` row and an
audit event; the change itself is a conditional UPDATE on the current state, so two requests never both move it.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from deffinov.applications import workflow as dossier_workflow
from deffinov.applications.models import State
from deffinov.applications.workflow import Transition  # the same declared shape as the dossier's transitions
from deffinov.audit.models import record
from deffinov.committee.letters import send_session_letters
from deffinov.committee.models import CommitteeSession, Decision, SessionState, SessionTransition
from deffinov.formatting import PARIS, day, plain_list
from deffinov.formatting import datetime as moment
from deffinov.grants.projects import create_for_decision

DOSSIER_TRANSITION = {
    Decision.Outcome.ACCEPTED: "accept",
    Decision.Outcome.REJECTED: "reject",
    Decision.Outcome.DISMISSED: "committee_dismiss",
}


class SessionError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def paris_today(at):
    return at.astimezone(PARIS).date()


def guard_hold(session, at, **given):
    if session.date > at:
        raise SessionError(
            f"La séance est prévue le {moment(session.date)} : elle ne peut être déclarée tenue qu'à partir de ce "
            "moment."
        )
    if not session.agenda.exists():
        raise SessionError(
            "L'ordre du jour est vide : inscrivez les dossiers examinés avant de déclarer la séance tenue."
        )
    return {}


def signatory_missing(call):
    return not (call.signatory_name or "").strip() or not (call.signatory_title or "").strip()


def guard_validate(session, at, reference="", deliberation_date=None, **given):
    reference = (reference or "").strip()
    if not reference:
        raise SessionError("Indiquez la référence de la délibération de la Commission permanente.", "reference")
    if len(reference) > 100:
        raise SessionError("La référence de la délibération tient en 100 caractères au plus.", "reference")
    if not isinstance(deliberation_date, dt.date):
        raise SessionError("Indiquez la date de la délibération.", "deliberation_date")
    session_day = paris_today(session.date)
    if deliberation_date < session_day:
        raise SessionError(
            f"La délibération ne peut pas précéder la séance du comité ({day(session_day)}).", "deliberation_date"
        )
    if deliberation_date > paris_today(at):
        raise SessionError("La date de la délibération ne peut pas être dans le futur.", "deliberation_date")
    call = session.wave.call
    if signatory_missing(call):
        raise SessionError(
            f"L'appel « {call.short_title or call.title} » n'a pas de signataire des lettres de décision : "
            "renseignez son nom et sa qualité dans l'administration de l'appel avant de valider."
        )
    decisions = list(session.decisions.select_related("application", "decided_by"))
    if not decisions:
        raise SessionError("Aucune décision n'est enregistrée pour cette séance : il n'y a rien à valider.")
    decided = {decision.application_id for decision in decisions}
    undecided = [
        item.application.number
        for item in session.agenda.select_related("application")
        if item.application_id not in decided
    ]
    if undecided:
        raise SessionError(
            f"Dossiers à l'ordre du jour sans décision : {plain_list(undecided)}. Décidez-les ou retirez-les de "
            "l'ordre du jour avant de valider."
        )
    moved = [d.application.number for d in decisions if d.application.state != State.IN_REVIEW]
    if moved:
        raise SessionError(
            f"Dossiers qui ne sont plus en instruction : {plain_list(moved)}. Annulez leur décision avant de valider."
        )
    return {"reference": reference, "deliberation_date": deliberation_date, "decisions": decisions}


def write_validate(session, by, at, reference, deliberation_date, decisions):
    return {
        "deliberation_reference": reference,
        "deliberation_date": deliberation_date,
        "validated_at": at,
        "validated_by": by,
    }


def after_validate(session, by, at, decisions, **context):
    """Move every decided dossier (in the same transaction) and send the letters once it is committed."""
    for decision in decisions:
        motivation = decision.motivation or f"Délibération {session.deliberation_reference}"
        try:
            moved = dossier_workflow.apply(
                decision.application, DOSSIER_TRANSITION[decision.outcome], by, at=at, motivation=motivation
            )
        except dossier_workflow.TransitionError as error:
            raise SessionError(f"{decision.application.number} : {error.message}") from error
        if not moved:
            raise SessionError(f"Le dossier {decision.application.number} a changé d'état entre-temps : réessayez.")
        if decision.outcome == Decision.Outcome.ACCEPTED:
            decision.session = session  # validated now: the funded project reads the deliberation
            create_for_decision(decision, by, at)
    transaction.on_commit(lambda: send_session_letters.enqueue(session.pk))


TRANSITIONS = {
    "hold": Transition(
        "hold",
        SessionState.PLANNED,
        SessionState.HELD,
        "Déclarer la séance tenue",
        "committee.hold_session",
        guard_hold,
    ),
    "validate": Transition(
        "validate",
        SessionState.HELD,
        SessionState.VALIDATED,
        "Valider les décisions",
        "committee.validate_decisions",
        guard_validate,
        write_validate,
        after_validate,
    ),
}


def available(session, user):
    """The transitions `user` may trigger on `session` now (guards aside)."""
    return [t for t in TRANSITIONS.values() if t.source == session.state and user.has_perm(t.permission, session)]


def apply(session, name, by, at=None, **given):
    """Run a transition; True when this call made it happen, False when another request already had.

    Raises SessionError when the person may not trigger it or its guard refuses."""
    spec = TRANSITIONS[name]
    at = at or timezone.now()
    if not by.has_perm(spec.permission, session):
        raise SessionError("Vous n'avez pas le droit de faire cette action sur cette séance.")
    if session.state != spec.source:
        raise SessionError(f"Cette action n'est pas possible : la séance est « {SessionState(session.state).label} ».")
    with transaction.atomic():
        # Lock the session's row: a decision being recorded at the same moment either lands before the guard reads
        # the decisions, or waits and then finds the session validated.
        if not CommitteeSession.objects.select_for_update().filter(pk=session.pk, state=spec.source).exists():
            return False
        context = spec.guard(session, at, **given)
        updates = spec.write(session, by, at, **context) if spec.write else {}
        changed = CommitteeSession.objects.filter(pk=session.pk, state=spec.source).update(state=spec.target, **updates)
        if changed != 1:
            return False
        session.refresh_from_db()
        details = (
            f"Délibération {session.deliberation_reference} du {day(session.deliberation_date)}"
            if spec.target == SessionState.VALIDATED
            else ""
        )
        SessionTransition.objects.create(
            session=session, from_state=spec.source, to_state=spec.target, by=by, at=at, motivation=details
        )
        record(
            f"committee.session.{spec.name}",
            actor=by,
            target=session,
            summary=f"{session.title} : {SessionState(spec.source).label} → {SessionState(spec.target).label}"
            + (f" ({details})" if details else ""),
            data={
                "session": session.pk,
                "from": spec.source,
                "to": spec.target,
                "deliberation_reference": session.deliberation_reference,
                "deliberation_date": session.deliberation_date.isoformat() if session.deliberation_date else None,
                "decisions": [d.pk for d in context.get("decisions", [])],
            },
        )
        if spec.after:
            spec.after(session, by, at, **context)
    return True


def hold(session, by, at=None):
    return apply(session, "hold", by, at)


def validate(session, by, reference, deliberation_date, at=None):
    return apply(session, "validate", by, at, reference=reference, deliberation_date=deliberation_date)
