"""Recording a decision of the committee in a session that took place: its rules, the decision row, the audit event.

A decision is recorded only in a session that has taken place (« tenue »), by its secretariat (an instructor) or a
committee member sitting on it. The dossier stays in instruction and applicants see nothing until the session's
decisions are validated with the deliberation (deffinov.committee.workflow): the dossier then moves and the letter
goes out. One decision per dossier and session: when two people decide at the same moment, one wins and the other
gets `DecisionConflict` with the decision taken.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from deffinov.applications.models import Application, State
from deffinov.audit.models import record
from deffinov.committee.amounts import AmountError, check_bounds
from deffinov.committee.figures import with_figures
from deffinov.committee.models import CommitteeSession, Decision, SessionState
from deffinov.eligibility.engine import cofinancing_met, cofinancing_rate
from deffinov.formatting import day, euros, percent

Outcome = Decision.Outcome


class DecisionError(Exception):
    """A rule of the decision is broken; `field` names the form field the message belongs to."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class DecisionConflict(DecisionError):
    def __init__(self, message, decision=None):
        super().__init__(message)
        self.decision = decision


def describe(decision):
    text = f"{decision.get_outcome_display()}"
    if decision.outcome == Outcome.ACCEPTED:
        text += f" pour {euros(decision.amount_granted)}"
    who = f" par {decision.decided_by}" if decision.decided_by else ""
    return f"{text}{who}"


def current_decision(application):
    return application.decisions.select_related("decided_by", "session").order_by("-decided_at", "-pk").first()


def check_cofinancing(application, amount, exception):
    """The engine's rule, on exact figures: the cofinancing left by `amount` meets the call's floor (or the floor
    lowered by the committee's exception)."""
    call, expenses = application.wave.call, application.total_expenses
    rate = cofinancing_rate(expenses, amount)
    if rate is None:
        raise DecisionError(
            "Le budget du dossier est vide : le taux de cofinancement ne peut pas être calculé.", "amount_granted"
        )
    if exception and not cofinancing_met(expenses, amount, call.cofinancing_floor_exception):
        raise DecisionError(
            f"Même avec la dérogation, le cofinancement doit atteindre {percent(call.cofinancing_floor_exception)} "
            f"du budget : avec {euros(amount)} accordés sur un budget de {euros(expenses)}, il serait de "
            f"{percent(rate)}. Réduisez le montant.",
            "amount_granted",
        )
    if not exception and not cofinancing_met(expenses, amount, call.cofinancing_floor):
        raise DecisionError(
            f"Avec {euros(amount)} accordés sur un budget de {euros(expenses)}, le cofinancement serait de "
            f"{percent(rate)}, sous le plancher de {percent(call.cofinancing_floor)}. "
            "Réduisez le montant ou accordez la dérogation du comité "
            f"(plancher abaissé à {percent(call.cofinancing_floor_exception)}).",
            "amount_granted",
        )


def check_amount(application, amount, exception):
    """The amount granted: sound (amounts.check_bounds) and leaving enough cofinancing. Returns a warning or ""."""
    if amount is None:
        raise DecisionError("Indiquez le montant accordé, supérieur à 0 €.", "amount_granted")
    try:
        warning = check_bounds(amount, application.requested_amount, application.wave.call, "Le montant accordé")
    except AmountError as error:
        raise DecisionError(error.message, "amount_granted") from error
    check_cofinancing(application, amount, exception)
    return warning


def validate(application, outcome, amount, motivation, exception):
    if outcome not in Outcome.values:
        raise DecisionError("Choisissez une décision.", "outcome")
    if outcome == Outcome.ACCEPTED:
        return check_amount(application, amount, exception)
    if outcome == Outcome.REJECTED and not motivation.strip():
        raise DecisionError(
            "Motivez le refus : la motivation figure dans la lettre envoyée au collectif.", "motivation"
        )
    return ""


def check_session(session, by, at):
    if not by.has_perm("committee.record_decision", session):
        raise DecisionError("Vous ne pouvez pas enregistrer de décision pour cette séance.")
    if session.state == SessionState.VALIDATED:
        raise DecisionError(
            f"Les décisions de la séance « {session.title} » sont validées (délibération "
            f"{session.deliberation_reference} du {day(session.deliberation_date)}) : elles ne se modifient plus."
        )
    if session.state != SessionState.HELD or session.date > at:
        raise DecisionError(
            f"La séance « {session.title} » du {day(session.date)} n'a pas encore eu lieu : les décisions "
            "s'enregistrent une fois la séance tenue. D'ici là, les montants sont des propositions."
        )


def conflict(application, session):
    decision = application.decisions.filter(session=session).select_related("decided_by").first()
    decision = decision or application.decisions.pending().select_related("decided_by").first()
    if decision is not None:
        return DecisionConflict(
            f"Le dossier {application.number} a déjà été décidé : {describe(decision)}. Votre décision n'a pas été "
            "enregistrée.",
            decision,
        )
    return DecisionConflict(
        f"Le dossier {application.number} n'est plus en instruction (« {State(application.state).label} ») : "
        "votre décision n'a pas été enregistrée."
    )


def record_decision(application, by, outcome, amount=None, motivation="", exception=False, session=None, at=None):
    """Check and store the committee's decision on a dossier of `session`'s agenda, with its audit event.

    Returns the decision; its `warning` attribute says when the amount is below the call's usual minimum."""
    at = at or timezone.now()
    if session is None:
        raise DecisionError("Une décision s'enregistre dans une séance du comité.")
    check_session(session, by, at)
    if not session.agenda.filter(application_id=application.pk).exists():
        raise DecisionError(f"Le dossier {application.number} n'est pas à l'ordre du jour de cette séance.")
    fresh = with_figures(Application.objects.select_related("wave__call")).get(pk=application.pk)
    if fresh.state != State.IN_REVIEW or fresh.decisions.pending().exists():
        raise conflict(fresh, session)
    warning = validate(fresh, outcome, amount, motivation, exception)
    accepted = outcome == Outcome.ACCEPTED
    try:
        with transaction.atomic():
            # The session's row first: a validation running at the same moment waits, or has already won.
            current = CommitteeSession.objects.select_for_update().get(pk=session.pk)
            check_session(current, by, at)
            locked = Application.objects.select_for_update().get(pk=fresh.pk)
            if locked.state != State.IN_REVIEW or locked.decisions.pending().exists():
                raise conflict(locked, session)
            decision = Decision.objects.create(
                application=locked,
                session=session,
                outcome=outcome,
                amount_granted=amount if accepted else None,
                cofinancing_exception=bool(exception) if accepted else False,
                motivation=motivation.strip(),
                decided_by=by,
                decided_at=at,
            )
            record(
                f"committee.decision.{outcome}",
                actor=by,
                target=locked,
                summary=f"{locked.number} : {describe(decision)} (séance « {session.title} », à valider)",
                data={
                    "number": locked.number,
                    "decision": decision.pk,
                    "outcome": outcome,
                    "amount_granted": decision.amount_granted,
                    "requested": fresh.requested_amount,
                    "cofinancing_exception": decision.cofinancing_exception,
                    "motivation": decision.motivation,
                    "session": session.pk,
                },
            )
    except IntegrityError as error:
        raise conflict(fresh, session) from error
    decision.warning = warning
    return decision


def cancel_decision(decision, by):
    """Withdraw a decision recorded by mistake, while its session's decisions are not validated."""
    session = decision.session
    if not by.has_perm("committee.record_decision", session):
        raise DecisionError("Vous ne pouvez pas modifier les décisions de cette séance.")
    if session.state == SessionState.VALIDATED:
        raise DecisionError("Les décisions de cette séance sont validées : elles ne se modifient plus.")
    with transaction.atomic():
        record(
            "committee.decision.cancelled",
            actor=by,
            target=decision.application,
            summary=f"{decision.application.number} : décision annulée avant validation ({describe(decision)})",
            data={"number": decision.application.number, "decision": decision.pk, "session": session.pk},
        )
        decision.delete()
