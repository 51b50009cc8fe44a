"""Budget lines: added, changed and removed one at a time by the people of the consortium, while the dossier
is a draft. A removal is confirmed first; without JavaScript the confirmation is a page of its own. For ten
minutes after, the budget offers to undo it (`budget_undo`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from deffinov.applications import budget, budget_undo
from deffinov.applications.access import get_application_for_user
from deffinov.applications.editing import NotEditableError
from deffinov.applications.forms.budget import BUDGET_FORMS, ExpenseForm, ResourceForm
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
    form = ResourceForm(request.POST, application=application)
    if not form.is_valid():
        return render_dossier(request, application, status=422, budget_forms={"resource": form})
    try:
        budget.add_line(application, form, request.user)
    except NotEditableError as error:
        return _refused(request, application, error)
    messages.success(request, f"Ressource « {form.instance.label} » ajoutée.")
    return _back(application)


NOUNS = {"depense": "Dépense", "ressource": "Ressource"}
FOLLOWS_ITS_EXPENSE = "La ressource « %s » suit sa dépense en nature : modifiez ou supprimez la dépense."


def _editable_line(request, number, kind, pk):
    """(application, line, None) for a line the person may change, else (application, line, the response to send)."""
    application = get_application_for_user(request.user, number, CHANGE)
    if refusal := refuse_if_not_draft(request, application):
        return application, None, refusal
    if kind not in BUDGET_FORMS:
        raise Http404("Ligne de budget introuvable.")
    line = budget.line_of(application, kind, pk)
    if getattr(line, "in_kind_expense_id", None):
        messages.info(request, FOLLOWS_ITS_EXPENSE % line.label)
        return application, line, _back(application)
    return application, line, None


@login_required
@require_http_methods(["GET", "POST"])
def edit_line(request, number, kind, pk):
    """People of the consortium's structures."""
    application, line, refusal = _editable_line(request, number, kind, pk)
    if refusal:
        return refusal
    form_class = BUDGET_FORMS[kind]
    form = form_class(request.POST or None, instance=line, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            budget.change_line(application, form, request.user)
        except NotEditableError as error:
            return _refused(request, application, error)
        messages.success(request, f"{NOUNS[kind]} « {form.instance.label} » modifiée.")
        return _back(application)
    context = {"application": application, "form": form, "kind": kind, "noun": NOUNS[kind], "line": line}
    return render(request, "applications/budget_line.html", context, status=422 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def delete_line(request, number, kind, pk):
    """People of the consortium's structures. GET asks to confirm, POST removes."""
    application, line, refusal = _editable_line(request, number, kind, pk)
    if refusal:
        return HttpResponseClientRedirect(refusal.url) if request.htmx else refusal
    if request.method == "GET":
        context = {"application": application, "kind": kind, "noun": NOUNS[kind], "line": line}
        return render(request, "applications/budget_line_delete.html", context)
    try:
        line = budget.delete_line(application, kind, pk, request.user)
    except NotEditableError as error:
        refusal = _refused(request, application, error)
        return HttpResponseClientRedirect(refusal.url) if request.htmx else refusal
    follows = " et la ressource en nature qui la suivait" if getattr(line, "in_kind", False) else ""
    token = budget_undo.token_for(application, request.user, kind, pk, line)
    budget_notice(request, application, f"Ligne « {line.label} »{follows} supprimée{'s' if follows else ''}.", token)
    return _back(application)


@login_required
@require_POST
def undo_delete(request, number):
    """The person who removed a line, within ten minutes, while the dossier is editable. With HTMX, the form swaps
    the budget section of the page it is sent back to; without, that page opens at the budget."""
    application = get_application_for_user(request.user, number, CHANGE)
    if refusal := refuse_if_not_draft(request, application):
        return HttpResponseClientRedirect(refusal.url) if request.htmx else refusal
    try:
        line = budget_undo.undo(application, request.user, request.POST.get("token", ""))
    except budget_undo.UndoError as error:
        budget_notice(request, application, error.message, level="error")
    except NotEditableError as error:
        refusal = _refused(request, application, error)
        return HttpResponseClientRedirect(refusal.url) if request.htmx else refusal
    else:
        budget_notice(request, application, f"Ligne « {line.label} » rétablie.")
    return _back(application)


def budget_notice(request, application, text, token=None, level="success"):
    """What the budget section says once, at the next showing of the dossier: a removal with its « Annuler »."""
    notices = request.session.get(budget_undo.SESSION_KEY, {})
    notices[application.number] = {"text": text, "token": token, "level": level}
    request.session[budget_undo.SESSION_KEY] = notices
