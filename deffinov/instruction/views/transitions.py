"""The buttons that move a dossier through the instruction. Each one POSTs; a refused change says why."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from deffinov.applications.workflow import TransitionError
from deffinov.instruction import transitions
from deffinov.instruction.access import staff_required
from deffinov.instruction.forms import CorrectionRequestForm, MotivationForm
from deffinov.instruction.views.dossier import dossier_page, load_dossier


def _back(application):
    return redirect(reverse("instruction:dossier", args=[application.number]))


def _refused(request, application, error):
    messages.error(request, error.message)
    return _back(application)


@staff_required
@require_POST
def start_review(request, number):
    application = load_dossier(request.user, number)
    try:
        transitions.start_review(application, request.user)
    except TransitionError as error:
        return _refused(request, application, error)
    messages.success(request, "L'instruction du dossier a commencé.")
    return _back(application)


@staff_required
@require_POST
def request_correction(request, number):
    application = load_dossier(request.user, number)
    form = CorrectionRequestForm(request.POST, prefix="correction")
    if not form.is_valid():
        return dossier_page(request, application, correction_form=form)
    try:
        transitions.request_correction(application, request.user, **form.cleaned_data)
    except TransitionError as error:
        return _refused(request, application, error)
    messages.success(request, "Le dossier est renvoyé au collectif pour correction ; ses membres sont prévenus.")
    return _back(application)


def _with_motivation(request, number, prefix, action, done):
    application = load_dossier(request.user, number)
    form = MotivationForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return dossier_page(request, application, **{f"{prefix}_form": form})
    try:
        action(application, request.user, form.cleaned_data["motivation"])
    except TransitionError as error:
        return _refused(request, application, error)
    messages.success(request, done)
    return _back(application)


@staff_required
@require_POST
def dismiss(request, number):
    return _with_motivation(request, number, "dismiss", transitions.dismiss, "Le dossier est classé sans suite.")


@staff_required
@require_POST
def reopen(request, number):
    return _with_motivation(request, number, "reopen", transitions.reopen, "L'instruction du dossier est rouverte.")
