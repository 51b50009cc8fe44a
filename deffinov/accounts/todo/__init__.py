"""What each person has to do next, role by role: the blocks of « Mon espace ».

Each block is a list of items, each a link with what to do and, when it has one, a date in Paris time. The queries
are a fixed number per block, whatever the number of structures, dossiers, invitations or sessions: a person holding
several roles gets each block that applies.
"""

from dataclasses import dataclass

from django.utils import timezone

from deffinov.accounts import roles
from deffinov.accounts.todo.applicants import applicant_blocks, open_waves
from deffinov.accounts.todo.experts import expert_block
from deffinov.accounts.todo.region import (
    claims_block,
    committee_block,
    finance_block,
    instructor_block,
    validation_block,
)
from deffinov.bookings.todo import bookings_block
from deffinov.organisations.addressees import confirmed_addresses
from deffinov.organisations.models import Membership
from deffinov.reviews.models import ExpertInvitation


@dataclass
class Home:
    memberships: list
    blocks: list
    open_waves: list
    is_applicant: bool
    may_create: bool


def home_of(user, now=None):
    """Every block of « Mon espace » that applies to `user`, in the order of their roles."""
    now = now or timezone.now()
    held = roles.roles_of(user)
    memberships = list(
        Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")
    )
    addresses = confirmed_addresses(user)
    pending_expertise = ExpertInvitation.objects.pending_for_addresses(addresses).exists() if addresses else False
    region = bool(held & set(roles.REGION_ROLES))
    expert = roles.Role.EXPERT in held or pending_expertise
    is_applicant = bool(memberships) or not (region or expert)
    blocks = []
    if is_applicant:
        blocks += applicant_blocks(user, memberships, now)
    if roles.Role.INSTRUCTOR in held:
        blocks.append(instructor_block(user, now))
    if roles.Role.COMMITTEE_MEMBER in held or roles.Role.INSTRUCTOR in held:
        blocks.append(committee_block(user, now))
    if roles.Role.FUNCTIONAL_ADMIN in held:
        blocks.append(validation_block(user, now))
        blocks.append(claims_block(user, now))
    if roles.Role.FINANCE_OFFICER in held:
        blocks.append(finance_block(user, now))
    if expert:
        blocks.append(expert_block(user, now, addresses))
    if is_applicant and not memberships and (booked := bookings_block(user, now)):
        blocks.append(booked)  # the learners' seats (one query, for people of no structure)
    may_create = any(m.role == Membership.Role.ADMIN for m in memberships)
    return Home(
        memberships=memberships,
        blocks=blocks,
        open_waves=open_waves(now) if is_applicant else [],
        is_applicant=is_applicant,
        may_create=may_create,
    )
