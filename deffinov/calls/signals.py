"""Any change to a call, its waves, criteria, events, documents or départements raises the call's version."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from deffinov.calls.models import Call, Event, Resource, TiersLieuCriterion, Wave


@receiver(post_save, sender=Call)
def call_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        Call.bump_version(instance.pk)


@receiver(post_save, sender=Wave)
@receiver(post_save, sender=Event)
@receiver(post_save, sender=Resource)
@receiver(post_save, sender=TiersLieuCriterion)
@receiver(post_delete, sender=Wave)
@receiver(post_delete, sender=Event)
@receiver(post_delete, sender=Resource)
@receiver(post_delete, sender=TiersLieuCriterion)
def part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        Call.bump_version(instance.call_id)


@receiver(m2m_changed, sender=Call.eligible_departments.through)
def departments_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # A department's calls were changed from the department's side.
        for call_id in pk_set or Call.objects.values_list("pk", flat=True):
            Call.bump_version(call_id)
    else:
        Call.bump_version(instance.pk)
