"""The session's state machine from its page: declared held, decisions validated with the deliberation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from deffinov.committee import workflow
from deffinov.committee.access import get_session
from deffinov.committee.forms import ValidationForm
from deffinov.committee.views.sessions import session_page
from deffinov.formatting import day


@login_required
@require_POST
def hold(request, pk):
    """Instructors (the committee's secretariat), once the session's date has passed."""
    session = get_session(request.user, pk, "committee.hold_session")
    try:
        workflow.hold(session, request.user)
    except workflow.SessionError as error:
        return session_page(request, session, status=422, session_error=error.message)
    messages.success(request, "La séance est déclarée tenue : les décisions du comité peuvent être enregistrées.")
    return redirect(f"{session.get_absolute_url()}#classement")


@login_required
@require_POST
def validate(request, pk):
    """Functional administrators: the deliberation makes the decisions final; the letters go out."""
    session = get_session(request.user, pk, "committee.validate_decisions")
    form = ValidationForm(request.POST)
    if not form.is_valid():
        return session_page(request, session, status=422, validation_form=form)
    data = form.cleaned_data
    try:
        workflow.validate(session, request.user, data["reference"], data["deliberation_date"])
    except workflow.SessionError as error:
        if error.field:
            form.add_error(error.field, error.message)
            return session_page(request, session, status=422, validation_form=form)
        return session_page(request, session, status=422, validation_form=form, session_error=error.message)
    messages.success(
        request,
        f"Décisions validées (délibération {session.deliberation_reference} du {day(session.deliberation_date)}) : "
        "les dossiers sont mis à jour et les lettres de décision partent aux collectifs.",
    )
    return redirect(f"{session.get_absolute_url()}#classement")
