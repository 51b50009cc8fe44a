"""The expert's side: their invitations, the declaration of interests, the frozen dossier, their opinion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from deffinov.applications.models import BANK_DETAILS, Document
from deffinov.audit.models import record
from deffinov.organisations.addressees import Addressee, addressee, confirmed_addresses, send_confirmation, vouch_for
from deffinov.reviews import experts
from deffinov.reviews.access import get_invitation_for_expert
from deffinov.reviews.forms import DeclarationForm, OpinionForm, ScoreForm
from deffinov.reviews.models import ExpertInvitation, ensure_default_grid
from deffinov.reviews.reviewing import scores_of

Status = ExpertInvitation.Status


@login_required
@require_GET
def index(request):
    """Any signed-in person: only their own invitations (an empty list for everybody else)."""
    invitations = ExpertInvitation.objects.of_expert(request.user).select_related("application")
    pending = ExpertInvitation.objects.pending_for_addresses(confirmed_addresses(request.user)).select_related(
        "application"
    )
    return render(request, "reviews/index.html", {"invitations": invitations, "pending": pending})


def take_up(request, token):
    """Public, but taken up only by the account that holds the invited address, confirmed.

    Visitors log in or sign up first (an account created from the link with the invited address starts confirmed,
    the link having been sent there); an account with the address unconfirmed is asked to confirm it; any other
    account is refused and shown nothing of the dossier."""
    invitation = get_object_or_404(ExpertInvitation.objects.select_related("application"), token=token)
    relation = addressee(request.user, invitation.email) if request.user.is_authenticated else None
    if relation is Addressee.SOMEBODY_ELSE:
        return refuse(request)
    if invitation.status == Status.REVOKED:
        return render(request, "reviews/take_up.html", {"invitation": invitation, "unavailable": True}, status=410)
    if relation is Addressee.CONFIRMED and invitation.user_id == request.user.pk:
        return redirect(invitation)
    unavailable = invitation.user_id is not None or invitation.status != Status.INVITED
    if relation is None and not unavailable:
        vouch_for(request, invitation.email)
    if request.method == "POST" and relation is Addressee.UNCONFIRMED and not unavailable:
        send_confirmation(request, request.user, invitation.email)
        messages.success(
            request,
            f"Un courriel de confirmation est envoyé à {invitation.email} : cliquez sur son lien, puis revenez ici.",
        )
        return redirect("reviews:take_up", token=token)
    if request.method == "POST" and relation is Addressee.CONFIRMED:
        try:
            experts.take_up(invitation, request.user)
        except experts.NotTheAddresseeError:
            return refuse(request)
        except experts.ExpertError as error:
            messages.error(request, error.message)
        else:
            return redirect(invitation)
    context = {"invitation": invitation, "unavailable": unavailable, "unconfirmed": relation is Addressee.UNCONFIRMED}
    return render(request, "reviews/take_up.html", context)


def refuse(request):
    """Another person's invitation: a plain refusal, nothing of the dossier."""
    return render(
        request, "reviews/take_up_refused.html", {"message": experts.NotTheAddresseeError().message}, status=403
    )


def documents_of(invitation):
    """The pieces an expert reads: every one of the accepted members but their bank details, which are the Region's."""
    application = invitation.application
    return (
        Document.objects.filter(application=application, participation__status="accepted")
        .exclude(kind=BANK_DETAILS)
        .select_related("participation__organisation")
        .order_by("participation__organisation__name", "kind")
    )


@login_required
def opinion(request, pk):
    """The expert of this invitation only; 404 for anybody else."""
    invitation = get_invitation_for_expert(request.user, pk)
    application = invitation.application
    criteria = ensure_default_grid(application.wave.call)
    declaration_form = DeclarationForm(prefix="declaration")
    opinion_form = OpinionForm(prefix="opinion", initial={"verdict": invitation.verdict, "opinion": invitation.opinion})
    score_form = ScoreForm(prefix="scores", criteria=criteria, initial_scores=scores_of(application, request.user))
    posted = request.POST.get("form") if request.method == "POST" else None
    if posted == "declaration":
        declaration_form = DeclarationForm(request.POST, prefix="declaration")
        if declaration_form.is_valid():
            no_conflict = declaration_form.cleaned_data["choice"] == DeclarationForm.NO_CONFLICT
            try:
                experts.declare(invitation, request.user, no_conflict, declaration_form.cleaned_data["reason"])
            except experts.ExpertError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    "Merci : vous pouvez consulter le dossier et rendre votre avis."
                    if no_conflict
                    else "Votre déport est enregistré : le dossier ne vous est pas communiqué.",
                )
            return redirect(invitation)
    elif posted == "opinion":
        opinion_form = OpinionForm(request.POST, prefix="opinion")
        score_form = ScoreForm(request.POST, prefix="scores", criteria=criteria)
        if opinion_form.is_valid() and score_form.is_valid():
            data = opinion_form.cleaned_data
            try:
                experts.answer(invitation, request.user, data["verdict"], data["opinion"], score_form.scores())
            except experts.ExpertError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, "Votre avis est enregistré. Merci.")
            return redirect(invitation)
    context = {
        "invitation": invitation,
        "application": application,
        "s": application.snapshot or {},
        "declaration_form": declaration_form,
        "opinion_form": opinion_form,
        "score_form": score_form,
        "documents": documents_of(invitation) if invitation.may_read_dossier else [],
        "others": experts.other_opinions(invitation) if invitation.may_read_dossier else [],
    }
    failed = declaration_form.errors or opinion_form.errors or score_form.errors
    return render(request, "reviews/opinion.html", context, status=422 if failed else 200)


@login_required
@require_GET
def document(request, pk, document_pk):
    """The expert of this invitation, once they declared no conflict of interest; each download is audited."""
    invitation = get_invitation_for_expert(request.user, pk)
    if not invitation.may_read_dossier:
        raise Http404("Pièce introuvable.")
    document = documents_of(invitation).filter(pk=document_pk).first()
    if document is None:
        raise Http404("Pièce introuvable.")
    record(
        "expertise.document_downloaded",
        actor=request.user,
        target=document,
        summary=f"{invitation.application.number} : pièce « {document.original_name} » téléchargée par un expert",
        data={"number": invitation.application.number, "invitation": invitation.pk, "sha256": document.sha256},
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
