"""An ad's life: published, paused, closed. One table of transitions, each applied by a conditional UPDATE (two
requests never both move the same ad) and recorded in the audit trail."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from deffinov.audit.models import record
from deffinov.matchmaking.models import Ad, AdStatus


class AdTransitionError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple
    target: str
    label: str
    done: str
    permission: str = "matchmaking.manage_ads"


TRANSITIONS = {
    "pause": Transition(
        "pause",
        (AdStatus.PUBLISHED,),
        AdStatus.PAUSED,
        "Mettre en pause",
        "L'annonce est en pause : elle n'apparaît plus dans les suggestions. Vous pourrez la republier.",
    ),
    "publish": Transition(
        "publish", (AdStatus.PAUSED,), AdStatus.PUBLISHED, "Republier", "L'annonce est de nouveau publiée."
    ),
    "close": Transition(
        "close",
        (AdStatus.PUBLISHED, AdStatus.PAUSED),
        AdStatus.CLOSED,
        "Clore l'annonce",
        "L'annonce est close : elle n'apparaît plus dans les suggestions ; ses conversations restent lisibles.",
    ),
}


def available(ad):
    return [transition for transition in TRANSITIONS.values() if ad.status in transition.sources]


def apply(ad, name, user):
    """Move the ad, or say in French why not."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise AdTransitionError("Action inconnue sur cette annonce.")
    if not user.has_perm(transition.permission, ad.organisation):
        raise AdTransitionError("Seul un administrateur de la structure peut changer le statut de son annonce.")
    with transaction.atomic():
        moved = Ad.objects.filter(pk=ad.pk, status__in=transition.sources).update(
            status=transition.target, updated_at=timezone.now()
        )
        if not moved:
            ad.refresh_from_db(fields=["status"])
            raise AdTransitionError(
                f"Cette annonce est désormais « {ad.get_status_display().lower()} » : "
                f"l'action « {transition.label} » ne s'applique plus."
            )
        record(
            f"matchmaking.ad.{transition.name}",
            actor=user,
            target=ad,
            summary=f"Annonce « {ad.title} » de {ad.organisation.name} : {ad.get_status_display().lower()} → "
            f"{AdStatus(transition.target).label.lower()}",
            data={"from": ad.status, "to": transition.target},
        )
    ad.status = transition.target
    return transition


def save_ad(ad, user):
    """Store a new or edited ad and note it in the audit trail."""
    created = ad.pk is None
    with transaction.atomic():
        if created:
            ad.created_by = user
        ad.save()
        record(
            "matchmaking.ad.created" if created else "matchmaking.ad.changed",
            actor=user,
            target=ad,
            summary=f"Annonce « {ad.title} » de {ad.organisation.name} {'publiée' if created else 'modifiée'}",
        )
    return ad
