"""« Trouver un partenaire »: my ads and the suggestions with their reasons; posting, editing and closing an ad;
inviting a suggested structure into a dossier."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from deffinov.matchmaking import ads as ad_workflow
from deffinov.matchmaking import invitations
from deffinov.matchmaking.access import get_ad_for_admin, get_ad_for_reader
from deffinov.matchmaking.contact import threads_of
from deffinov.matchmaking.forms import AdForm, ContactForm, InviteForm, SuggestionFilterForm
from deffinov.matchmaking.models import Ad, AdStatus, Thread
from deffinov.matchmaking.suggestions import Profile, suggest
from deffinov.network import geo
from deffinov.organisations.models import Membership, Organisation


def my_organisations(user):
    return list(Organisation.objects.of_user(user).select_related("commune").distinct().order_by("name"))


def sources_of(my_ads, organisations):
    """What suggestions may be computed for: each open ad, and each structure without a published ad."""
    sources = [
        (f"annonce-{ad.pk}", f"Mon annonce « {ad.title} » ({ad.organisation.name})")
        for ad in my_ads
        if ad.status != AdStatus.CLOSED
    ]
    with_ad = {ad.organisation_id for ad in my_ads if ad.is_published}
    sources += [
        (f"structure-{organisation.pk}", f"{organisation.name} (sans annonce publiée)")
        for organisation in organisations
        if organisation.pk not in with_ad
    ]
    return sources


def profile_for(source, my_ads, organisations):
    ids = {organisation.pk for organisation in organisations}
    kind, _, pk = source.partition("-")
    if kind == "annonce":
        ad = next((ad for ad in my_ads if str(ad.pk) == pk), None)
        return Profile.of_ad(ad, ids) if ad else None
    organisation = next((org for org in organisations if str(org.pk) == pk), None)
    return Profile.of_organisation(organisation, ids) if organisation else None


@login_required
def index(request):
    organisations = my_organisations(request.user)
    my_ads = list(
        Ad.objects.filter(organisation__in=organisations)
        .select_related("organisation", "commune")
        .order_by("status", "-updated_at")
    )
    administered = set(
        Membership.objects.filter(user=request.user, role=Membership.Role.ADMIN).values_list(
            "organisation_id", flat=True
        )
    )
    sources = sources_of(my_ads, organisations)
    data = request.GET.copy()
    if sources and not data.get("pour"):
        data["pour"] = sources[0][0]
    form = SuggestionFilterForm(data, sources=sources, label_suffix="")
    suggestions, profile = [], None
    if sources and form.is_valid():
        profile = profile_for(form.cleaned_data["pour"], my_ads, organisations)
        suggestions = suggest(profile, form.cleaned_data["types"], form.cleaned_data["domaines"])
    dossiers = invitations.dossiers_for_inviting(request.user) if suggestions else []
    for suggestion in suggestions:
        suggestion.invite_form = InviteForm(applications=dossiers, auto_id=f"invite-{suggestion.ad.pk}-%s")
    context = {
        "organisations": organisations,
        "may_post": bool(administered),
        "my_ads": [(ad, ad.organisation_id in administered) for ad in my_ads],
        "form": form,
        "profile": profile,
        "radius_text": geo.distance_phrase(profile.radius_km).removeprefix("à ") if profile else "",
        "suggestions": suggestions,
        "dossiers": dossiers,
        "thread_count": threads_of(request.user).count() if organisations else 0,
    }
    return render(request, "matchmaking/index.html", context)


def administered_organisations(user):
    return Organisation.objects.administered_by(user).select_related("commune").order_by("name")


@login_required
def ad_create(request):
    organisations = administered_organisations(request.user)
    if not organisations:
        raise Http404("Aucune structure que vous administrez.")
    first = organisations[0]
    initial = {"commune": first.commune, "radius_km": 30, "title": ""}
    form = AdForm(request.POST or None, instance=Ad(organisation=first), organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        ad = ad_workflow.save_ad(form.save(commit=False), request.user)
        messages.success(request, f"Votre annonce « {ad.title} » est publiée.")
        return redirect(ad)
    status = 422 if form.is_bound else 200
    return render(request, "matchmaking/ad_form.html", {"form": form, "ad": None}, status=status)


@login_required
def ad_edit(request, pk):
    ad = get_ad_for_admin(request.user, pk)
    form = AdForm(request.POST or None, instance=ad)
    if request.method == "POST" and form.is_valid():
        ad_workflow.save_ad(form.save(commit=False), request.user)
        messages.success(request, f"L'annonce « {ad.title} » est enregistrée.")
        return redirect(ad)
    status = 422 if form.is_bound else 200
    return render(request, "matchmaking/ad_form.html", {"form": form, "ad": ad}, status=status)


@login_required
def ad_detail(request, pk, contact_form=None, status=200):
    ad = get_ad_for_reader(request.user, pk)
    organisations = [org for org in my_organisations(request.user) if org.pk != ad.organisation_id]
    own = request.user.has_perm("matchmaking.view_ads", ad.organisation)
    may_contact = bool(organisations) and ad.is_published
    if may_contact and contact_form is None:
        contact_form = ContactForm(organisations=Organisation.objects.filter(pk__in=[o.pk for o in organisations]))
    dossiers = invitations.dossiers_for_inviting(request.user) if not own else []
    threads = (
        Thread.objects.filter(ad=ad, organisation__in=organisations).select_related("organisation")
        if organisations
        else []
    )
    context = {
        "ad": ad,
        "own": own,
        "can_manage": request.user.has_perm("matchmaking.manage_ads", ad.organisation),
        "transitions": ad_workflow.available(ad),
        "contact_form": contact_form if may_contact else None,
        "threads": list(threads),
        "received": ad.threads.select_related("organisation").order_by("-last_message_at") if own else [],
        "invite_form": InviteForm(applications=dossiers) if dossiers else None,
    }
    return render(request, "matchmaking/ad.html", context, status=status)


@login_required
@require_POST
def ad_status(request, pk):
    ad = get_ad_for_admin(request.user, pk)
    try:
        transition = ad_workflow.apply(ad, request.POST.get("action", ""), request.user)
    except ad_workflow.AdTransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, transition.done)
    return redirect(ad)


def back_to(request, default):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


@login_required
@require_POST
def invite(request, pk):
    """One click from a suggestion: the ad's structure is invited into one of the user's dossiers in progress."""
    ad = get_ad_for_reader(request.user, pk)
    dossiers = invitations.dossiers_for_inviting(request.user)
    form = InviteForm(request.POST, applications=dossiers)
    if not dossiers:
        messages.error(
            request,
            "Vous n'avez aucun dossier en cours à compléter : seul un administrateur de la structure chef de file "
            "d'un brouillon peut y inviter une structure.",
        )
        return back_to(request, ad)
    if not form.is_valid():
        messages.error(
            request, "Choisissez un de vos dossiers en cours (brouillon dont votre structure est chef de file)."
        )
        return back_to(request, ad)
    try:
        application = invitations.invite(request.user, ad, form.cleaned_data["dossier"])
    except invitations.InvitationRefused as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"{ad.organisation.name} est invitée au dossier {application.number} « {application.title} ». "
            "Ses administrateurs verront l'invitation dans leur liste de dossiers.",
        )
    return back_to(request, ad)
