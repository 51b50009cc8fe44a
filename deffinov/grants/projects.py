"""Funded projects come from validated acceptances, and only from them."""

from deffinov.applications.models import State
from deffinov.audit.models import record
from deffinov.committee.models import Decision, SessionState
from deffinov.eligibility.engine import add_months
from deffinov.formatting import euros
from deffinov.grants.models import FundedProject
from deffinov.grants.notifications import on_opened


def create_for_decision(decision, by, at):
    """The funded project of an accepted decision whose session is validated; the existing one when called again.

    Its dates are the dossier's (the project may not start before the deliberation); its schedule of tranches
    is drawn from the call's payment schedule."""
    from deffinov.payments.schedule import draw_schedule

    if decision.outcome != Decision.Outcome.ACCEPTED or decision.session.state != SessionState.VALIDATED:
        raise ValueError("Seule une décision d'acceptation validée ouvre un projet financé.")
    existing = FundedProject.objects.filter(decision=decision).first()
    if existing:
        return existing
    application = decision.application
    if application.state != State.ACCEPTED:
        raise ValueError(f"Le dossier {application.number} n'est pas accepté.")
    call = application.wave.call
    starts_on = application.start_on or decision.session.deliberation_date
    ends_on = application.end_on or add_months(starts_on, call.duration_max_months)
    project = FundedProject.objects.create(
        application=application,
        decision=decision,
        amount_granted=decision.amount_granted,
        starts_on=starts_on,
        ends_on=max(ends_on, starts_on),
        created_at=at,
    )
    draw_schedule(project)
    record(
        "grants.project.create",
        actor=by,
        target=project,
        summary=f"{project.number} : projet financé ouvert ({euros(project.amount_granted)})",
        data={"number": project.number, "decision": decision.pk, "amount": project.amount_granted},
    )
    on_opened(project)
    return project
