"""The page the consortium and the Region share about a dossier: messages, correction requests, resubmission.

Open to Region staff and to the people of the accepted member structures; 404 for everyone else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.views.decorators.http import require_POST

from deffinov.applications.models import State
from deffinov.applications.rules import is_lead_admin
from deffinov.applications.workflow import TransitionError
from deffinov.audit.models import record
from deffinov.instruction import transitions
from deffinov.instruction.access import get_application
from deffinov.instruction.forms import MessageForm
from deffinov.instruction.messaging import post_message, thread
from deffinov.instruction.models import MessageAttachment


def _edit_url(application):
    try:
        return application.get_absolute_url()
    except NoReverseMatch:
        return ""


def thread_page(request, application, form=None, status=200, failing_rules=()):
    correction = application.correction_requests.filter(resubmitted_at__isnull=True).first()
    return render(
        request,
        "instruction/thread.html",
        {
            "application": application,
            "thread": thread(application),
            "form": form or MessageForm(),
            "correction": correction if application.state == State.CORRECTION_REQUESTED else None,
            "can_resubmit": application.state == State.CORRECTION_REQUESTED
            and is_lead_admin(request.user, application),
            "is_staff_view": request.user.has_perm("instruction.instruct"),
            "edit_url": _edit_url(application),
            "failing_rules": failing_rules,
        },
        status=status,
    )


@login_required
def message_thread(request, number):
    application = get_application(request.user, number, perm="instruction.view_messages")
    if request.method == "POST":
        if not request.user.has_perm("instruction.post_message", application):
            raise Http404("Dossier introuvable.")
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            post_message(application, request.user, form.cleaned_data["body"], form.cleaned_data["attachments"])
            messages.success(request, "Votre message est envoyé.")
            return redirect("instruction:messages", application.number)
        return thread_page(request, application, form)
    return thread_page(request, application)


@login_required
def attachment(request, number, pk):
    application = get_application(request.user, number, perm="instruction.view_messages")
    item = MessageAttachment.objects.filter(message__application=application, pk=pk).first()
    if item is None:
        raise Http404("Pièce jointe introuvable.")
    if request.user.has_perm("instruction.instruct"):
        record(
            "instruction.attachment_downloaded",
            actor=request.user,
            target=item,
            summary=f"{application.number} : pièce jointe « {item.original_name} » téléchargée",
            data={"number": application.number, "name": item.original_name, "sha256": item.sha256},
        )
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@login_required
@require_POST
def resubmit(request, number):
    """The chef de file's administrator sends the corrected dossier back to the Region."""
    application = get_application(request.user, number, perm="instruction.view_messages")
    # The predicate itself: a platform administrator holds every permission, but speaks for no consortium.
    if not is_lead_admin(request.user, application):
        raise Http404("Dossier introuvable.")
    try:
        transitions.resubmit(application, request.user)
    except TransitionError as error:
        messages.error(request, error.message)
        if error.failing_rules:
            # Say which rules block, beside the button; the corrections stay as they are.
            return thread_page(request, application, status=422, failing_rules=error.failing_rules)
    else:
        messages.success(request, "Le dossier corrigé est renvoyé à la Région.")
    return redirect("instruction:messages", application.number)
