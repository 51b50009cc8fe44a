"""Each payment, and each recovery, split between the members the convention pays, by their share of the grant."""

from decimal import Decimal

from deffinov.payments.models import MemberShare
from deffinov.payments.schedule import split


def paid_members(project):
    """The accepted members with a share of the grant, lead first; the lead alone (100 %) when shares do not add up
    to the whole grant."""
    participations = [
        p
        for p in project.application.participations.select_related("organisation").order_by("-is_lead", "pk")
        if p.status == "accepted"
    ]
    shared = [p for p in participations if p.grant_share > 0]
    if shared and sum((p.grant_share for p in shared), Decimal(0)) == 1:
        return [(p, p.grant_share) for p in shared]
    lead = next((p for p in participations if p.is_lead), None)
    return [(lead, Decimal(1))] if lead else []


def write_shares(project, amount, tranche=None, recovery=None):
    members = paid_members(project)
    if not members or amount <= 0:
        return []
    amounts = split(amount, [share for _, share in members])
    return MemberShare.objects.bulk_create(
        MemberShare(tranche=tranche, recovery=recovery, participation=participation, share=share, amount=part)
        for (participation, share), part in zip(members, amounts, strict=True)
    )
