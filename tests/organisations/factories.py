import datetime
from decimal import Decimal

import factory

from deffinov.organisations.kinds import Kind
from deffinov.organisations.models import Invitation, Membership, Organisation
from deffinov.territories.models import Commune, Department, Region
from tests.accounts.factories import UserFactory


def vire_normandie():
    """Vire Normandie (Calvados), with its real INSEE code and centre."""
    region, _ = Region.objects.get_or_create(code="28", defaults={"name": "Normandie"})
    department, _ = Department.objects.get_or_create(code="14", defaults={"name": "Calvados", "region": region})
    commune, _ = Commune.objects.get_or_create(
        code="14762",
        defaults={
            "name": "Vire Normandie",
            "department": department,
            "postcodes": "14500",
            "population": 17_000,
            "latitude": Decimal("48.83850"),
            "longitude": Decimal("-0.88930"),
        },
    )
    return commune


def caen():
    region, _ = Region.objects.get_or_create(code="28", defaults={"name": "Normandie"})
    department, _ = Department.objects.get_or_create(code="14", defaults={"name": "Calvados", "region": region})
    commune, _ = Commune.objects.get_or_create(
        code="14118",
        defaults={
            "name": "Caen",
            "department": department,
            "postcodes": "14000",
            "population": 106_000,
            "latitude": Decimal("49.18290"),
            "longitude": Decimal("-0.37060"),
        },
    )
    return commune


# Valid SIRETs (Luhn key), one per structure built by the factory.
def valid_siret(n):
    base = f"{100000000 + n * 7:09d}"[:9]
    siren = base[:8] + str(_luhn_key(base[:8]))
    body = siren + f"{(n % 9999) + 1:04d}"
    return body + str(_luhn_key(body))


def _luhn_key(digits):
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A tiers-lieu in Vire Normandie; traits for the other kinds of structure."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    siret = factory.Sequence(valid_siret)
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
