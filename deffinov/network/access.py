from django.http import Http404
from django.shortcuts import get_object_or_404

from deffinov.network.models import Place
from deffinov.organisations.access import get_organisation_for_user


def get_place_for_public(user, pk):
    """A visible place; an unpublished one only for the members of its structure, 404 for anybody else."""
    place = get_object_or_404(Place.objects.select_related("commune__department", "organisation"), pk=pk)
    if Place.objects.visible().filter(pk=place.pk).exists():
        return place
    if user.has_perm("network.view_unpublished_places", place.organisation):
        return place
    raise Http404("Lieu introuvable.")


def get_place_for_admin(user, pk):
    """A place whose structure `user` administers: 404 for outsiders, 403 for its other members."""
    place = get_object_or_404(Place.objects.select_related("commune", "organisation"), pk=pk)
    get_organisation_for_user(user, place.organisation_id, "network.manage_places")
    return place
