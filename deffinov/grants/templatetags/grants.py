import rules
from django import template

from deffinov.grants.models import FundedProject
from deffinov.grants.signals import SESSION_KEY

register = template.Library()


@register.simple_tag
def follows_projects(request):
    """{% follows_projects request as flag %}: the Region's followers, and people whose structures have a funded
    project, get the « Projets financés » entry."""
    user = request.user
    if not user.is_authenticated:
        return False
    return rules.has_perm("grants.view_projects", user) or bool(request.session.get(SESSION_KEY))


@register.simple_tag
def project_of(application):
    """{% project_of application as project %}: the funded project of an accepted dossier, else None."""
    if application.state != "accepted":
        return None
    return FundedProject.objects.filter(application=application).first()
