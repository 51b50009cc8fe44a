"""Structures and their people: one factory family for every app's tests."""

import datetime
import itertools

import factory
from stdnum import luhn

from deffinov.organisations.kinds import Kind
from deffinov.organisations.models import Invitation, Membership, Organisation
from tests.accounts.factories import UserFactory
from tests.territories.factories import caen, vire_normandie

_numbers = itertools.count(1)


def siret(number=None):
    """A valid SIRET (Luhn key on the SIREN and on the whole number), different at each call."""
    number = next(_numbers) if number is None else number
    siren_base = f"{(123456 + number) % 10**8:08d}"
    siren = siren_base + luhn.calc_check_digit(siren_base)
    base = f"{siren}{number % 10000:04d}"
    return base + luhn.calc_check_digit(base)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A tiers-lieu in Vire Normandie; traits for the other kinds of structure.

    `admins=[…]` and `members=[…]` give it its people."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    siret = factory.LazyFunction(siret)
    name = factory.Sequence(lambda n: f"Tiers-lieu du Bocage {n}")
    legal_form = "association"
    kinds = factory.LazyFunction(lambda: [Kind.TIERS_LIEU.value])
    address = "12 rue du Calvados"
    postcode = "14500"
    commune = factory.LazyFunction(vire_normandie)
    created_on = datetime.date(2019, 3, 1)
    place_opened_on = datetime.date(2020, 9, 15)

    class Params:
        organisme_formation = factory.Trait(
            name=factory.Sequence(lambda n: f"Formations du Bocage {n}"),
            kinds=[Kind.ORGANISME_FORMATION.value],
            legal_form="sarl",
            place_opened_on=None,
            nda="28140123414",
            qualiopi=True,
            qualiopi_certified_on=datetime.date(2021, 6, 1),
        )
        # A training organisation in Caen, the partner of most dossiers.
        training = factory.Trait(
            organisme_formation=True,
            postcode="14000",
            address="3 rue Saint-Pierre",
            commune=factory.LazyFunction(caen),
        )

    @factory.post_generation
    def admins(organisation, create, extracted, **kwargs):
        for user in extracted or []:
            Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.ADMIN)

    @factory.post_generation
    def members(organisation, create, extracted, **kwargs):
        for user in extracted or []:
            Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.MEMBER)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER

    class Params:
        admin = factory.Trait(role=Membership.Role.ADMIN)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invite{n}@example.fr")
    role = Membership.Role.MEMBER
    invited_by = None
