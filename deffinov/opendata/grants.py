"""The funded projects as the public sees them: their beneficiaries with their shares, their départements.

Read by the open-data files and the public API, so that both say the same thing."""

from decimal import Decimal

from django.db.models import Prefetch

from deffinov.applications.models import Participation
from deffinov.grants.models import FundedProject


def accepted_members():
    return Prefetch(
        "application__participations",
        queryset=Participation.objects.filter(status=Participation.Status.ACCEPTED)
        .select_related("organisation__commune")
        .order_by("-is_lead", "-role", "organisation__name", "pk"),
        to_attr="members",
    )


def public_projects(places=True):
    """Every funded project with what the public may read of it, in a constant number of queries (`places=False`
    leaves out the communes of the project, which only `departements` reads)."""
    lookups = [accepted_members(), "tranches", *(["application__communes"] if places else [])]
    return FundedProject.objects.select_related("application__wave__call", "decision__session").prefetch_related(
        *lookups
    )


def members(project):
    """The structures of the collectif (accepted participations), the lead first (prefetched by `public_projects`)."""
    if hasattr(project.application, "members"):
        return project.application.members
    return list(
        project.application.participations.filter(status=Participation.Status.ACCEPTED)
        .select_related("organisation__commune")
        .order_by("-is_lead", "-role", "organisation__name", "pk")
    )


def beneficiaries(project):
    """[(participation, share)]: the structures the grant is paid to, with their share (0..1, adding up to 1).

    The shares are those of the dossier; a dossier that paid everything to the lead (no share given) pays it 100 %."""
    paid = [(member, member.grant_share) for member in members(project) if member.grant_share > 0]
    if not paid:
        lead = next((member for member in members(project) if member.is_lead), None)
        return [(lead, Decimal(1))] if lead else []
    return paid


def departements(project):
    """INSEE codes of the départements where the project takes place and where its members are, sorted."""
    codes = {commune.department_id for commune in project.application.communes.all()}
    codes |= {member.organisation.commune.department_id for member in members(project)}
    return sorted(code for code in codes if code)
