"""Every call gets the default convention text when it is created, which a functional administrator adapts."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from deffinov.calls.models import Call
from deffinov.grants.convention import template_for


@receiver(post_save, sender=Call, dispatch_uid="grants_default_convention_template")
def default_convention_template(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        template_for(instance)
