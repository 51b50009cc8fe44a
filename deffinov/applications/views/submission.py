"""The recap of a dossier before it is submitted, submitting with the attestation sur l'honneur, withdrawing,
the receipt."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from deffinov.applications import questions, sections, workflow
from deffinov.applications.access import get_application_for_user
from deffinov.applications.models import Receipt, State
from deffinov.applications.receipts import receipt_filename
from deffinov.applications.statement import CHECKBOX_LABEL, MISSING, statement_text
from deffinov.applications.summary import live_summary
from deffinov.applications.views.common import ANCHORS, eligibility_context

SECTIONS_MISSING = "Le dossier ne peut pas être déposé : des parties du dossier sont à compléter."


def recap_context(request, application):
    """The whole dossier, what blocks its submission (failing rules, sections to complete) with where to fix it."""
    context = {"application": application, "wave": application.wave, "checkbox_label": CHECKBOX_LABEL}
    context.update(eligibility_context(application))
    url = application.get_absolute_url()
    done = sections.completeness(application)
    context["blocking_rules"] = [
        {"title": row["title"], "message": rule.message, "url": f"{url}{ANCHORS.get(rule.code, '')}"}
        for rule, row in zip(context["verdict"].rules, context["rules"], strict=True)
        if rule.blocking
    ]
    context["missing_sections"] = [
        {"title": title, "url": f"{url}#{key}"}
        for key, title in sections.titles_for(application).items()
        if key != "questions" and not done.get(key, False)
    ]
    context["missing_answers"] = [
        {"title": question.label, "url": f"{url}#question-{question.pk}"}
        for question in questions.missing_required(application)
    ]
    context["blocker_count"] = (
        len(context["blocking_rules"]) + len(context["missing_sections"]) + len(context["missing_answers"])
    )
    context["blocked"] = bool(context["blocker_count"])
    context["statement"] = statement_text(application, request.user)
    context["s"] = live_summary(application)
    return context


def render_recap(request, application, status=200, **extra):
    context = recap_context(request, application) | extra
    return render(request, "applications/recap.html", context, status=status)


@login_required
@require_GET
def recap(request, number):
    """The chef de file's administrators: the dossier read whole, what blocks, the attestation and « Déposer »."""
    application = get_application_for_user(request.user, number, "applications.submit_application")
    if application.state != State.DRAFT:
        return redirect(application)
    return render_recap(request, application)


@login_required
def submit(request, number):
    """The chef de file's administrators, while the wave is open, nothing blocks and the attestation is ticked."""
    application = get_application_for_user(request.user, number, "applications.submit_application")
    if request.method != "POST":
        return redirect("applications:recap", number=application.number)
    if application.state != State.DRAFT:
        messages.info(request, workflow.ALREADY.get(application.state, "Ce dossier a déjà été déposé."))
        return redirect(application)
    if not all(sections.completeness(application).values()):
        messages.error(request, SECTIONS_MISSING)
        return render_recap(request, application, status=422)
    if request.POST.get("sworn") != "yes":
        return render_recap(request, application, status=422, sworn_error=MISSING)
    try:
        done = workflow.submit(application, request.user, at=timezone.now(), sworn=True)
    except workflow.TransitionError as error:
        messages.error(request, error.message)
        if application.state != State.DRAFT or not error.failing_rules:
            return redirect(application)
        return render_recap(request, application, status=422)
    if done:
        messages.success(
            request,
            f"Dossier {application.number} déposé. L'accusé de réception arrive par courriel à chaque membre.",
        )
    else:
        messages.info(request, "Ce dossier a déjà été déposé.")
    return redirect(application)


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
