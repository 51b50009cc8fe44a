"""Recording the committee's decision on one dossier of a session's agenda."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from deffinov.applications.models import Application
from deffinov.calls.formatting import format_number
from deffinov.committee import decisions
from deffinov.committee.access import get_session, staff_required
from deffinov.committee.figures import cofinancing_rate, with_figures
from deffinov.committee.forms import DecisionForm


def agenda_application(session, number):
    item = session.agenda.filter(application__number=number).first()
    if item is None:
        raise Http404("Ce dossier n'est pas à l'ordre du jour de cette séance.")
    return item, with_figures(Application.objects.select_related("wave__call")).get(pk=item.application_id)


@staff_required
def decide(request, pk, number):
    """Region staff only."""
    session = get_session(request.user, pk, "committee.decide")
    item, application = agenda_application(session, number)
    proposed = item.proposed_amount if item.proposed_amount is not None else application.requested_amount
    form = DecisionForm(
        request.POST or None,
        initial={"amount_granted": format_number(round(proposed))},
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
                f"Décision enregistrée pour {application.number} : {decisions.describe(decision)}. "
                "La lettre de décision part au consortium.",
            )
            return redirect(f"{session.get_absolute_url()}#classement")
    call = application.wave.call
    context = {
        "session": session,
        "application": application,
        "form": form,
        "conflict": conflict,
        "decision": decisions.current_decision(application),
        "proposed": proposed,
        "cofinancing": cofinancing_rate(application.requested_amount, application.total_expenses),
        "call": call,
    }
    status = 409 if conflict else 422 if form.errors else 200
    return render(request, "committee/decide.html", context, status=status)
