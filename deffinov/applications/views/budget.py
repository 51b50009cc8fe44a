"""Budget lines: added and removed one at a time by the people of the consortium, while the dossier is a draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from deffinov.applications.access import get_application_for_user
from deffinov.applications.forms.budget import ExpenseForm, ResourceForm
from deffinov.applications.models import ExpenseLine, ResourceLine
from deffinov.applications.sections import bump_version
from deffinov.applications.views.common import refuse_if_not_draft, render_dossier

CHANGE = "applications.change_application"


def _back(application):
    return redirect(f"{application.get_absolute_url()}#budget")


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
    form.instance.application = application
    form.save()
    bump_version(application, request.user)
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
    form.instance.application = application
    form.save()
    bump_version(application, request.user)
    messages.success(request, f"Ressource « {form.instance.label} » ajoutée.")
    return _back(application)


@login_required
@require_POST
def delete_line(request, number, kind, pk):
    """People of the consortium's structures."""
    application = get_application_for_user(request.user, number, CHANGE)
    if refusal := refuse_if_not_draft(request, application):
        return refusal
    model = ExpenseLine if kind == "depense" else ResourceLine
    line = get_object_or_404(model, application=application, pk=pk)
    line.delete()
    bump_version(application, request.user)
    messages.success(request, f"Ligne « {line.label} » supprimée.")
    return _back(application)
