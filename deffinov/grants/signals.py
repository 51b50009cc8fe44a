"""Every call gets the default convention text when it is created, which a functional administrator adapts; a person
learns at login whether their structures have a funded project (the navigation reads it from the session)."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from deffinov.calls.models import Call
from deffinov.grants.convention import template_for
from deffinov.grants.models import FundedProject

# Read at login and set when the person opens a project: the navigation costs no query of its own on every page.
SESSION_KEY = "grants_has_projects"


@receiver(user_logged_in, dispatch_uid="grants_remember_projects_at_login")
def remember_projects(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = FundedProject.objects.visible_to(user).exists()


@receiver(post_save, sender=Call, dispatch_uid="grants_default_convention_template")
def default_convention_template(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        template_for(instance)
