"""Submitting, withdrawing, and the receipt."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from deffinov.applications import workflow
from deffinov.applications.access import get_application_for_user
from deffinov.applications.models import Receipt, State
from deffinov.applications.receipts import receipt_filename
from deffinov.applications.views.common import eligibility_context


@login_required
def submit(request, number):
    """The chef de file's administrators, while the wave is open and the dossier eligible."""
    application = get_application_for_user(request.user, number, "applications.submit_application")
    failing_rules = []
    if request.method == "POST":
        try:
            done = workflow.submit(application, request.user, at=timezone.now())
        except workflow.TransitionError as error:
            messages.error(request, error.message)
            failing_rules = error.failing_rules
            if application.state != State.DRAFT or not failing_rules:
                return redirect(application)
        else:
            if done:
                messages.success(
                    request,
                    f"Dossier {application.number} déposé. L'accusé de réception arrive par courriel à chaque membre.",
                )
            else:
                messages.info(request, "Ce dossier a déjà été déposé.")
            return redirect(application)
    context = {"application": application, "wave": application.wave, "failing_rules": failing_rules}
    if application.state == State.DRAFT:
        context.update(eligibility_context(application))
    return render(request, "applications/submit.html", context, status=422 if failing_rules else 200)


@login_required
def withdraw(request, number):
    """The chef de file's administrators, before the instruction starts; asks for a confirmation."""
    application = get_application_for_user(request.user, number, "applications.withdraw_application")
    if application.state != State.SUBMITTED:
        messages.error(request, "Seul un dossier déposé, dont l'instruction n'a pas commencé, peut être retiré.")
        return redirect(application)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, "Cochez la case pour confirmer le retrait du dossier.")
        else:
            try:
                workflow.withdraw(application, request.user, motivation=request.POST.get("motivation", "").strip())
            except workflow.TransitionError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, f"Dossier {application.number} retiré.")
            return redirect(application)
    return render(request, "applications/withdraw.html", {"application": application})


@login_required
def receipt(request, number):
    """People of the consortium's structures and Region staff."""
    application = get_application_for_user(request.user, number, "applications.download_receipt")
    stored = Receipt.objects.filter(application=application).first()
    if stored is None:
        raise Http404("L'accusé de réception est en cours de préparation.")
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=receipt_filename(application),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
