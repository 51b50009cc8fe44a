"""The navigation per role, read from the roles the request already loaded (no query of its own)."""

from django import template

from deffinov.accounts.roles import REGION_ROLES, Role, roles_of

register = template.Library()


@register.simple_tag
def menu_of(user):
    """{% menu_of user as menu %}: which entries of the navigation `user` gets.

    « Mes dossiers » is the applicants' entry: the Region's agents and the experts reach the dossiers of their own
    structures, if any, from « Mon espace »."""
    held = roles_of(user)
    return {
        "dossiers": not (held & {*REGION_ROLES, Role.EXPERT}),
        "expertise": Role.EXPERT in held,
    }
