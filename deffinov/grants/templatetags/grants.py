from django import template

from deffinov.grants.models import FundedProject

register = template.Library()


@register.simple_tag
def follows_projects(user):
    """{% follows_projects user as flag %}: the Region's followers, and people whose structures have a funded
    project, get the « Projets financés » entry (one query for the latter, once per request)."""
    if not user.is_authenticated:
        return False
    if user.has_perm("grants.view_projects"):
        return True
    if not hasattr(user, "_has_funded_projects"):
        user._has_funded_projects = FundedProject.objects.visible_to(user).exists()
    return user._has_funded_projects


@register.simple_tag
def project_of(application):
    """{% project_of application as project %}: the funded project of an accepted dossier, else None."""
    if application.state != "accepted":
        return None
    return FundedProject.objects.filter(application=application).first()
