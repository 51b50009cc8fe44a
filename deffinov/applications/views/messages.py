"""The « Messagerie » tab of a dossier: the thread with the Region, under the applicants' own pages.

The thread is the instruction's (`deffinov.instruction.messaging`); reading the page marks its messages read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from deffinov.applications.access import get_application_for_user
from deffinov.applications.models import Application, State
from deffinov.instruction.forms import MessageForm
from deffinov.instruction.messaging import mark_read, post_message, thread
from deffinov.instruction.models import MessageAttachment


def get_thread_application(user, number):
    """The submitted dossier whose thread `user` reads; 404 for drafts, which have no thread yet."""
    queryset = Application.objects.exclude(state=State.DRAFT).select_related("wave__call")
    return get_application_for_user(user, number, "instruction.view_messages", queryset=queryset)


@login_required
def thread_page(request, number):
    application = get_thread_application(request.user, number)
    form = MessageForm()
    status = 200
    if request.method == "POST":
        if not request.user.has_perm("instruction.post_message", application):
            raise Http404("Dossier introuvable.")
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            post_message(application, request.user, form.cleaned_data["body"], form.cleaned_data["attachments"])
            messages.success(request, "Votre message est envoyé.")
            return redirect("applications:messages", application.number)
        status = 422
    elif request.method != "GET":
        raise Http404("Page introuvable.")
    items = list(thread(application))
    mark_read(request.user, application)
    context = {"application": application, "thread": items, "form": form, "tab": "messages"}
    return render(request, "applications/messages.html", context, status=status)


@login_required
def attachment(request, number, pk):
    application = get_thread_application(request.user, number)
    item = MessageAttachment.objects.filter(message__application=application, pk=pk).first()
    if item is None:
        raise Http404("Pièce jointe introuvable.")
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
