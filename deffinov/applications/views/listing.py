"""The list of my dossiers and invitations, and the creation of a dossier."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from deffinov.applications import consortium
from deffinov.applications.forms.consortium import CreateApplicationForm
from deffinov.applications.models import Application, Participation, PartnerInvitation
from deffinov.organisations.models import Organisation


@login_required
def application_list(request):
    """Any signed-in person: the dossiers of their structures and the invitations their structures received.

    The Region's agents find the submitted dossiers in the instruction, never here: a draft is its consortium's own."""
    applications = (
        Application.objects.of_member(request.user)
        .select_related("wave__call")
        .prefetch_related("participations__organisation")
        .order_by("-created_at")
    )
    invitations = (
        Participation.objects.filter(
            status=Participation.Status.INVITED,
            organisation__in=Organisation.objects.administered_by(request.user),
            application__state="draft",
        )
        .select_related("application__wave", "organisation", "invited_by")
        .prefetch_related("application__participations__organisation")
    )
    return render(
        request,
        "applications/list.html",
        {
            "applications": applications,
            "invitations": invitations,
            "can_create": Organisation.objects.administered_by(request.user).exists(),
        },
    )


@login_required
def create(request):
    """Any administrator of a structure, for an open wave."""
    form = CreateApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            application = consortium.create_application(
                form.cleaned_data["wave"], form.cleaned_data["organisation"], request.user, form.cleaned_data["title"]
            )
        except consortium.ConsortiumError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Dossier {application.number} créé. Invitez maintenant vos partenaires.")
            return redirect("applications:consortium", application.number)
    return render(request, "applications/create.html", {"form": form})


@login_required
@require_POST
def answer(request, pk):
    """The administrators of the invited structure accept or decline; anyone else gets 404."""
    participation = get_object_or_404(
        Participation.objects.select_related("application", "organisation"),
        pk=pk,
        organisation__in=Organisation.objects.administered_by(request.user),
    )
    accept = request.POST.get("answer") == "accept"
    try:
        consortium.answer(participation, request.user, accept)
    except consortium.ConsortiumError as error:
        messages.error(request, error.message)
        return redirect("applications:list")
    if accept:
        number = participation.application.number
        messages.success(request, f"{participation.organisation.name} a rejoint le dossier {number}.")
        return redirect(participation.application)
    messages.success(request, f"Invitation au dossier {participation.application.number} déclinée.")
    return redirect("applications:list")


@login_required
def partner_invitation(request, token):
    """Whoever holds the link sent by email: the administrator of the invited SIRET accepts it."""
    invitation = get_object_or_404(PartnerInvitation.objects.select_related("application__wave"), token=token)
    organisation = Organisation.objects.administered_by(request.user).filter(siret=invitation.siret).first()
    if request.method == "POST" and organisation:
        try:
            participation = consortium.accept_partner_invitation(invitation, organisation, request.user)
        except consortium.ConsortiumError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{organisation.name} a rejoint le dossier {invitation.application.number}.")
            return redirect(participation.application)
    return render(
        request,
        "applications/partner_invitation.html",
        {"invitation": invitation, "organisation": organisation},
    )
