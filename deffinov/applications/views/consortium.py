"""Forming the consortium: find and invite structures, hand over the lead, remove a partner."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from deffinov.applications import consortium
from deffinov.applications.access import get_application_for_user
from deffinov.applications.forms.consortium import InviteByEmailForm, InviteForm, SearchForm
from deffinov.applications.views.common import refuse_if_not_draft
from deffinov.organisations.models import Organisation
from deffinov.organisations.validators import clean_digits
from deffinov.utils.text import normalize_search

MANAGE = "applications.manage_consortium"


def search_organisations(query, limit=20):
    """Registered structures found by name, SIRET (or its start) or commune."""
    query = (query or "").strip()
    if len(query) < 2:
        return Organisation.objects.none()
    digits = clean_digits(query)
    organisations = Organisation.objects.select_related("commune")
    if digits.isdigit():
        return organisations.filter(siret__startswith=digits)[:limit]
    return organisations.filter(
        Q(name__icontains=query) | Q(commune__search_name__startswith=normalize_search(query))
    ).order_by("name")[:limit]


def render_consortium(request, application, email_form=None, status=200):
    search = SearchForm(request.GET or None)
    query = search.data.get("q", "") if search.is_bound else ""
    taken = {p.organisation_id: p for p in application.participations.all()}
    results = [
        {"organisation": organisation, "participation": taken.get(organisation.pk)}
        for organisation in search_organisations(query)
    ]
    context = {
        "application": application,
        "participations": list(application.participations.all()),
        "partner_invitations": application.partner_invitations.filter(accepted_at__isnull=True),
        "can_manage": request.user.has_perm(MANAGE, application),
        "editable": application.is_editable,
        "search": search,
        "query": query,
        "results": results,
        "invite_form": InviteForm(),
        "email_form": email_form or InviteByEmailForm(),
    }
    template = "applications/partials/search_results.html" if request.htmx else "applications/consortium.html"
    return render(request, template, context, status=status)


@login_required
def consortium_page(request, number):
    """People of the consortium see it; the chef de file's administrators manage it."""
    application = get_application_for_user(request.user, number, "applications.view_application")
    return render_consortium(request, application)


@login_required
@require_POST
def invite(request, number):
    """The chef de file's administrators invite a registered structure."""
    application = get_application_for_user(request.user, number, MANAGE)
    if refusal := refuse_if_not_draft(request, application):
        return refusal
    form = InviteForm(request.POST)
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            consortium.invite_organisation(application, organisation, form.cleaned_data["role"], request.user)
        except consortium.ConsortiumError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                f"Invitation envoyée à {organisation.name}. "
                "Ses administrateurs la verront dans leur liste de dossiers.",
            )
    else:
        messages.error(request, "Choisissez une structure et un rôle.")
    return redirect("applications:consortium", application.number)


@login_required
@require_POST
def invite_by_email(request, number):
    """The chef de file's administrators invite a structure not registered yet, by email and SIRET."""
    application = get_application_for_user(request.user, number, MANAGE)
    if refusal := refuse_if_not_draft(request, application):
        return refusal
    form = InviteByEmailForm(request.POST)
    if not form.is_valid():
        return render_consortium(request, application, email_form=form, status=422)
    try:
        consortium.invite_by_email(
            application, form.cleaned_data["email"], form.cleaned_data["siret"], form.cleaned_data["role"], request.user
        )
    except consortium.ConsortiumError as error:
        form.add_error(None, error.message)
        return render_consortium(request, application, email_form=form, status=422)
    messages.success(request, f"Invitation envoyée à {form.cleaned_data['email']}.")
    return redirect("applications:consortium", application.number)


@login_required
@require_POST
def transfer_lead(request, number):
    """The chef de file's administrators hand the lead to another accepted member."""
    application = get_application_for_user(request.user, number, MANAGE)
    if refusal := refuse_if_not_draft(request, application):
        return refusal
    chosen = request.POST.get("participation", "")
    participation = get_object_or_404(
        application.participations.select_related("organisation"), pk=chosen if chosen.isdigit() else 0
    )
    try:
        consortium.transfer_lead(application, participation, request.user)
    except consortium.ConsortiumError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{participation.organisation.name} est désormais chef de file du dossier.")
    return redirect("applications:consortium", application.number)


@login_required
@require_POST
def remove_member(request, number, pk):
    """The chef de file's administrators remove a partner or cancel an invitation."""
    application = get_application_for_user(request.user, number, MANAGE)
    if refusal := refuse_if_not_draft(request, application):
        return refusal
    participation = get_object_or_404(application.participations.select_related("organisation"), pk=pk)
    try:
        consortium.remove(application, participation)
    except consortium.ConsortiumError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{participation.organisation.name} ne fait plus partie du collectif.")
    return redirect("applications:consortium", application.number)
