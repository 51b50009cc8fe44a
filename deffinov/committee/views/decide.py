"""Recording the committee's decision on one dossier of a session's agenda, once the session has taken place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from deffinov.applications.models import Application
from deffinov.committee import decisions
from deffinov.committee.access import get_session
from deffinov.committee.figures import with_figures
from deffinov.committee.forms import DecisionForm
from deffinov.committee.models import SessionState
from deffinov.committee.views.sessions import typed_amount
from deffinov.eligibility.engine import cofinancing_rate


def agenda_application(session, number):
    item = session.agenda.filter(application__number=number).first()
    if item is None:
        raise Http404("Ce dossier n'est pas à l'ordre du jour de cette séance.")
    return item, with_figures(Application.objects.select_related("wave__call")).get(pk=item.application_id)


@login_required
def decide(request, pk, number):
    """The committee's secretariat (instructors) and the committee members sitting on the session."""
    session = get_session(request.user, pk, "committee.record_decision")
    item, application = agenda_application(session, number)
    proposed = item.proposed_amount if item.proposed_amount is not None else application.requested_amount
    form = DecisionForm(
        request.POST or None,
        initial={"amount_granted": typed_amount(proposed)},
        exception_floor=application.wave.call.cofinancing_floor_exception,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = decisions.record_decision(
                application,
                request.user,
                data["outcome"],
                amount=data["amount_granted"],
                motivation=data["motivation"],
                exception=data["cofinancing_exception"],
                session=session,
            )
        except decisions.DecisionConflict as error:
            conflict = error.message
        except decisions.DecisionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                f"Décision enregistrée pour {application.number} : {decisions.describe(decision)}. Elle sera "
                "définitive, et la lettre envoyée au collectif, une fois les décisions de la séance validées "
                "avec la délibération de la Commission permanente.",
            )
            if decision.warning:
                messages.warning(request, decision.warning)
            return redirect(f"{session.get_absolute_url()}#classement")
    call = application.wave.call
    context = {
        "session": session,
        "held": session.state == SessionState.HELD and not session.is_validated,
        "application": application,
        "form": form,
        "conflict": conflict,
        "decision": application.decisions.filter(session=session).select_related("decided_by").first(),
        "proposed": proposed,
        "cofinancing": cofinancing_rate(application.total_expenses, application.requested_amount),
        "call": call,
    }
    status = 409 if conflict else 422 if form.errors else 200
    return render(request, "committee/decide.html", context, status=status)


@login_required
@require_POST
def cancel(request, pk, number):
    """Withdraw a decision recorded by mistake, before the session's decisions are validated."""
    session = get_session(request.user, pk, "committee.record_decision")
    decision = session.decisions.select_related("application", "session").filter(application__number=number).first()
    if decision is None:
        messages.error(request, f"Aucune décision à annuler sur le dossier {number} dans cette séance.")
        return redirect(f"{session.get_absolute_url()}#classement")
    try:
        decisions.cancel_decision(decision, request.user)
    except decisions.DecisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"La décision sur le dossier {number} est annulée : il est à nouveau à décider.")
    return redirect(f"{session.get_absolute_url()}#classement")
