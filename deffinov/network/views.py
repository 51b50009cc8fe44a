from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from deffinov.grants.models import FundedProject, ProjectState
from deffinov.network import geo, hours
from deffinov.network.access import get_place_for_admin, get_place_for_public
from deffinov.network.forms import PlaceForm, SearchForm
from deffinov.network.models import Place
from deffinov.network.search import Criteria, find, page_of
from deffinov.organisations.access import get_organisation_for_user
from deffinov.organisations.models import Organisation


def map_point(place):
    return {
        "id": place.pk,
        "name": place.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "url": place.get_absolute_url(),
        "commune": place.commune.name,
    }


# Public: the directory of the places their structures chose to publish.
@require_GET
def search(request):
    """The list (works without JavaScript) and, beside it, the map of the same results."""
    form = SearchForm(request.GET if request.GET else None, label_suffix="")
    criteria = Criteria()
    if form.is_bound:
        criteria = form.criteria() if form.is_valid() else None
    page = None
    if criteria is not None:
        now = timezone.now()
        page = page_of(find(criteria, now), request.GET.get("page"))
        for place in page.object_list:
            place.distance_text = geo.distance_phrase(getattr(place, "distance_km", None))
            place.current_status = place.status(now)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "criteria": criteria,
        "page": page,
        "query": query.urlencode(),
        "points": [map_point(place) for place in page.object_list] if page else [],
        "centre": (
            {"latitude": float(criteria.commune.latitude), "longitude": float(criteria.commune.longitude)}
            if criteria and criteria.commune
            else None
        ),
        "map_tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION},
    }
    return render(request, "network/search.html", context)


def funded_projects_of(organisation):
    return list(
        FundedProject.objects.filter(
            application__participations__organisation=organisation,
            application__participations__status="accepted",
        )
        .exclude(state=ProjectState.TERMINATED)
        .select_related("application")
        .distinct()
    )


# Public for a visible place; an unpublished one for its structure's members only (404 otherwise).
@require_GET
def place_detail(request, pk):
    place = get_place_for_public(request.user, pk)
    now = timezone.now()
    schedule = place.schedule
    context = {
        "place": place,
        "status": place.status(now),
        "week": hours.week_lines(schedule) if schedule else [],
        "hours_unreadable": bool(place.opening_hours and schedule is None),
        "funded_projects": funded_projects_of(place.organisation),
        "can_manage": request.user.has_perm("network.manage_places", place.organisation),
        "is_visible": Place.objects.visible().filter(pk=place.pk).exists(),
        "bookable": place.resources.filter(active=True).exists(),
        "points": [map_point(place)],
        "map_tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION},
    }
    return render(request, "network/place.html", context)


@login_required
def organisation_places(request, pk):
    """The structure's administrators: its places, published or not."""
    organisation = get_organisation_for_user(request.user, pk, "network.manage_places")
    places = organisation.places.select_related("commune").order_by("name")
    return render(request, "network/manage.html", {"organisation": organisation, "places": places})


@login_required
def place_create(request, pk):
    organisation = get_organisation_for_user(
        request.user, pk, "network.manage_places", Organisation.objects.select_related("commune")
    )
    initial = {"commune": organisation.commune, "postcode": organisation.postcode, "address": organisation.address}
    form = PlaceForm(request.POST or None, instance=Place(organisation=organisation), initial=initial)
    if request.method == "POST" and form.is_valid():
        place = form.save()
        messages.success(request, f"Le lieu « {place.name} » est enregistré.")
        return redirect(reverse("network:organisation_places", args=[organisation.pk]))
    return render(request, "network/edit.html", {"form": form, "organisation": organisation, "place": None})


@login_required
def place_edit(request, pk):
    place = get_place_for_admin(request.user, pk)
    form = PlaceForm(request.POST or None, instance=place)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Le lieu « {place.name} » est enregistré.")
        return redirect(reverse("network:organisation_places", args=[place.organisation_id]))
    return render(request, "network/edit.html", {"form": form, "organisation": place.organisation, "place": place})
