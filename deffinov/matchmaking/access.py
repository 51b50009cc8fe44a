"""One access helper per object: the ad or the thread, or 404 for whoever may not even see it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from deffinov.matchmaking.models import Ad, Thread
from deffinov.organisations.models import Membership


def get_ad_for_reader(user, pk):
    """A published ad for any signed-in person; a paused or closed one for its structure's members only."""
    ad = Ad.objects.select_related("organisation__commune", "commune__department").filter(pk=pk).first()
    if ad is None:
        raise Http404("Annonce introuvable.")
    if ad.is_published or user.has_perm("matchmaking.view_ads", ad.organisation):
        return ad
    raise Http404("Annonce introuvable.")


def get_ad_for_admin(user, pk):
    """An ad of a structure `user` administers: 404 for outsiders, 403 for its other members."""
    ad = get_ad_for_reader(user, pk)
    if user.has_perm("matchmaking.manage_ads", ad.organisation):
        return ad
    if user.has_perm("matchmaking.view_ads", ad.organisation):
        raise PermissionDenied
    raise Http404("Annonce introuvable.")


def sides_of(user, thread):
    """Whether `user` belongs to the ad's structure, to the structure that wrote first, or to both."""
    organisations = set(
        Membership.objects.filter(
            user=user, organisation_id__in=[thread.ad.organisation_id, thread.organisation_id]
        ).values_list("organisation_id", flat=True)
    )
    return thread.ad.organisation_id in organisations, thread.organisation_id in organisations


def get_thread_for_user(user, pk):
    """A thread for the people of either structure; 404 for anybody else."""
    thread = (
        Thread.objects.select_related("ad__organisation", "organisation", "started_by").filter(pk=pk).first()
        if user.is_authenticated
        else None
    )
    if thread is None:
        raise Http404("Conversation introuvable.")
    ad_side, writer_side = sides_of(user, thread)
    if not (ad_side or writer_side):
        raise Http404("Conversation introuvable.")
    thread.user_on_ad_side = ad_side
    return thread
