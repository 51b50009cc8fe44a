"""Recording a decision of the committee: its rules, the dossier's transition, the audit event, the letter.

The dossier moves `in_review → accepted | rejected | dismissed` through the workflow's conditional update: when
two people decide at the same moment, one wins and the other gets `DecisionConflict` with the decision taken.
"""

from decimal import Decimal

from django.db import transaction

from deffinov.applications import workflow
from deffinov.applications.models import Application, State
from deffinov.audit.models import record
from deffinov.calls.formatting import format_euros, format_percent
from deffinov.committee.figures import cofinancing_rate, with_figures
from deffinov.committee.models import Decision

Outcome = Decision.Outcome
TRANSITION = {Outcome.ACCEPTED: "accept", Outcome.REJECTED: "reject", Outcome.DISMISSED: "dismiss"}


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
        text += f" pour {format_euros(decision.amount_granted)}"
    who = f" par {decision.decided_by}" if decision.decided_by else ""
    return f"{text}{who}"


def current_decision(application):
    return application.decisions.select_related("decided_by").order_by("-decided_at", "-pk").first()


def check_amount(application, amount, exception):
    """The amount granted: positive, at most the request, and leaving enough cofinancing."""
    call = application.wave.call
    if amount is None or amount <= 0:
        raise DecisionError("Indiquez le montant accordé, supérieur à 0 €.", "amount_granted")
    if amount > application.requested_amount:
        raise DecisionError(
            "Le montant accordé ne peut pas dépasser le montant demandé "
            f"({format_euros(application.requested_amount)}).",
            "amount_granted",
        )
    rate = cofinancing_rate(amount, application.total_expenses)
    if rate is None:
        return
    if exception and rate < call.cofinancing_floor_exception:
        floor = format_percent(call.cofinancing_floor_exception)
        raise DecisionError(
            f"Même avec la dérogation, le cofinancement doit atteindre {floor} "
            f"du budget : avec {format_euros(amount)} accordés sur un budget de "
            f"{format_euros(application.total_expenses)}, il serait de {format_percent(rate)}. Réduisez le montant.",
            "amount_granted",
        )
    if not exception and rate < call.cofinancing_floor:
        raise DecisionError(
            f"Avec {format_euros(amount)} accordés, le cofinancement serait de {format_percent(rate)}, "
            f"sous le plancher de {format_percent(call.cofinancing_floor)}. "
            "Réduisez le montant ou accordez la dérogation du comité "
            f"(plancher abaissé à {format_percent(call.cofinancing_floor_exception)}).",
            "amount_granted",
        )


def validate(application, outcome, amount, motivation, exception):
    if outcome not in Outcome.values:
        raise DecisionError("Choisissez une décision.", "outcome")
    if outcome == Outcome.ACCEPTED:
        check_amount(application, amount, exception)
    elif outcome == Outcome.REJECTED and not motivation.strip():
        raise DecisionError(
            "Motivez le refus : la motivation figure dans la lettre envoyée au consortium.", "motivation"
        )


def conflict(application):
    decision = current_decision(application)
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


def record_decision(application, by, outcome, amount=None, motivation="", exception=False, session=None):
    """Validate, move the dossier, store the decision and its audit event; the letter follows in the background."""
    given = application
    application = with_figures(Application.objects.select_related("wave__call")).get(pk=given.pk)
    if application.state != State.IN_REVIEW:
        raise conflict(application)
    validate(application, outcome, amount, motivation, exception)
    accepted = outcome == Outcome.ACCEPTED
    with transaction.atomic():
        try:
            moved = workflow.apply(application, TRANSITION[outcome], by, motivation=motivation.strip())
        except workflow.TransitionError as error:
            application.refresh_from_db(fields=["state"])
            if application.state != State.IN_REVIEW:
                raise conflict(application) from error
            raise DecisionError(error.message) from error
        if not moved:
            raise conflict(application)
        decision = Decision.objects.create(
            application=application,
            session=session,
            outcome=outcome,
            amount_granted=amount if accepted else None,
            cofinancing_exception=bool(exception) if accepted else False,
            motivation=motivation.strip(),
            decided_by=by,
        )
        record(
            f"committee.decision.{outcome}",
            actor=by,
            target=application,
            summary=f"{application.number} : {describe(decision)}",
            data={
                "number": application.number,
                "decision": decision.pk,
                "outcome": outcome,
                "amount_granted": decision.amount_granted,
                "requested": application.requested_amount,
                "cofinancing_exception": decision.cofinancing_exception,
                "motivation": decision.motivation,
                "session": session.pk if session else None,
            },
        )
        from deffinov.committee.letters import send_decision_letter

        transaction.on_commit(lambda: send_decision_letter.enqueue(decision.pk))
    given.state = application.state
    return decision


def parse_amount(text):
    """« 95 000 », « 95000,50 » → Decimal; None when empty; DecisionError when unreadable."""
    cleaned = (text or "").replace("\xa0", "").replace(" ", "").replace("€", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        return Decimal(cleaned)
    except ArithmeticError as error:
        raise DecisionError("Écrivez le montant en chiffres, par exemple 95 000.", "amount_granted") from error
