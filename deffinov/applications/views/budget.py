"""Budget lines: added and removed one at a time by the people of the consortium, while the dossier is a draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from deffinov.applications import budget
from deffinov.applications.access import get_application_for_user
from deffinov.applications.editing import NotEditableError
from deffinov.applications.forms.budget import ExpenseForm, ResourceForm
from deffinov.applications.views.common import refuse_if_not_draft, render_dossier

CHANGE = "applications.change_application"


def _back(application):
    return redirect(f"{application.get_absolute_url()}#budget")


def _refused(request, application, error):
    """The dossier was submitted while the line was on its way: nothing stored, say so."""
    messages.error(request, error.message)
    return redirect(application)


@login_required
@require_POST
def add_expense(request, number):
    """People of the consortium's structures."""
    application = get_application_for_user(request.user, number, CHANGE)
    if refusal := refuse_if_not_draft(request, application):
        return refusal
    form = ExpenseForm(request.POST, application=application)
    if not form.is_valid():
        return render_dossier(request, application, status=422, budget_forms={"expense": form})
    try:
        budget.add_line(application, form, request.user)
    except NotEditableError as error:
        return _refused(request, application, error)
    messages.success(request, f"Dépense « {form.instance.label} » ajoutée.")
    return _back(application)


@login_required
@require_POST
def add_resource(request, number):
    """People of the consortium's structures."""
    application = get_application_for_user(request.user, number, CHANGE)
    if refusal := refuse_if_not_draft(request, application):
        return refusal
    form = ResourceForm(request.POST)
    if not form.is_valid():
        return render_dossier(request, application, status=422, budget_forms={"resource": form})
    try:
        budget.add_line(application, form, request.user)
    except NotEditableError as error:
        return _refused(request, application, error)
    messages.success(request, f"Ressource « {form.instance.label} » ajoutée.")
    return _back(application)


@login_required
@require_POST
def delete_line(request, number, kind, pk):
    """People of the consortium's structures."""
    application = get_application_for_user(request.user, number, CHANGE)
    if refusal := refuse_if_not_draft(request, application):
        return refusal
    try:
        line = budget.delete_line(application, kind, pk, request.user)
    except NotEditableError as error:
        return _refused(request, application, error)
    messages.success(request, f"Ligne « {line.label} » supprimée.")
    return _back(application)
