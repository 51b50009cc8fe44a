"""Contact through the platform: the first message from an ad's page, the list of conversations, a conversation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from deffinov.matchmaking.access import get_ad_for_reader, get_thread_for_user
from deffinov.matchmaking.contact import ContactError, RateLimited, post, start_thread, thread_messages, threads_of
from deffinov.matchmaking.forms import ContactForm, MessageForm
from deffinov.matchmaking.models import MESSAGE_MAX_LENGTH
from deffinov.matchmaking.views.ads import ad_detail
from deffinov.organisations.models import Organisation


@login_required
@require_POST
def contact(request, pk):
    ad = get_ad_for_reader(request.user, pk)
    organisations = Organisation.objects.of_user(request.user).exclude(pk=ad.organisation_id).distinct()
    if not organisations:
        messages.error(request, "Inscrivez d'abord votre structure : on écrit à une structure au nom de la sienne.")
        return redirect(ad)
    form = ContactForm(request.POST, organisations=organisations)
    if not form.is_valid():
        return ad_detail(request, pk, contact_form=form, status=422)
    try:
        message, _created = start_thread(ad, form.cleaned_data["organisation"], request.user, form.cleaned_data["body"])
    except ContactError as error:
        form.add_error(None, error.message)
        return ad_detail(request, pk, contact_form=form, status=429 if isinstance(error, RateLimited) else 422)
    messages.success(
        request,
        f"Votre message est envoyé à {ad.organisation.name}. Vos adresses électroniques restent cachées "
        "jusqu'à sa réponse.",
    )
    return redirect(message.thread)


@login_required
def thread_list(request):
    threads = list(threads_of(request.user))
    mine = set(Organisation.objects.of_user(request.user).values_list("pk", flat=True))
    for thread in threads:
        thread.other = thread.organisation if thread.ad.organisation_id in mine else thread.ad.organisation
    return render(request, "matchmaking/threads.html", {"threads": threads})


@login_required
def thread_detail(request, pk):
    thread = get_thread_for_user(request.user, pk)
    form = MessageForm(request.POST or None)
    if thread.contacts_shared:
        form.fields["body"].help_text = f"{MESSAGE_MAX_LENGTH} caractères au plus."
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                post(thread, request.user, form.cleaned_data["body"], from_ad_side=thread.user_on_ad_side)
            except ContactError as error:
                form.add_error(None, error.message)
                status = 429 if isinstance(error, RateLimited) else 422
            else:
                messages.success(request, "Votre message est envoyé.")
                return redirect(thread)
        else:
            status = 422
    context = {
        "thread": thread,
        "thread_messages": thread_messages(thread),
        "form": form,
        "other": thread.organisation if thread.user_on_ad_side else thread.ad.organisation,
    }
    return render(request, "matchmaking/thread.html", context, status=status)
