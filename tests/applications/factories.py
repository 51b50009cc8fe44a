"""Factories for dossiers, with fixed places (Vire, Caen) and a builder for a complete, eligible dossier."""

import datetime as dt
import hashlib
import itertools
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from stdnum import luhn

from deffinov.accounts.models import User
from deffinov.applications.documents import required_kinds
from deffinov.applications.models import (
    Application,
    CriterionDeclaration,
    Document,
    ExpenseLine,
    Participation,
    ResourceLine,
)
from deffinov.calls.models import Call, TiersLieuCriterion, Wave
from deffinov.organisations.models import Membership, Organisation
from deffinov.territories.models import EPCI, Commune, Department, Region

CRITERIA = [
    ("ancrage", "Ancrage territorial"),
    ("communaute", "Communauté d'acteurs engagés"),
    ("gouvernance", "Gouvernance partagée"),
    ("hybridation", "Hybridation des activités"),
    ("experimentation", "Expérimentation et innovation"),
]
_sequence = itertools.count(1)


def siret(number=None):
    """A valid SIRET (Luhn key on the SIREN and on the SIRET)."""
    number = next(_sequence) if number is None else number
    siren_base = f"{(123456 + number) % 10**8:08d}"
    siren = siren_base + luhn.calc_check_digit(siren_base)
    base = f"{siren}{number % 10000:04d}"
    return base + luhn.calc_check_digit(base)


def pdf_bytes(text="Pièce justificative"):
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + text.encode()
        + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def normandy():
    region, _ = Region.objects.get_or_create(code="28", defaults={"name": "Normandie"})
    calvados, _ = Department.objects.get_or_create(code="14", defaults={"name": "Calvados", "region": region})
    epci, _ = EPCI.objects.get_or_create(siren="200068500", defaults={"name": "CA Intercom de la Vire au Noireau"})
    vire, _ = Commune.objects.get_or_create(
        code="14762",
        defaults={
            "name": "Vire Normandie",
            "department": calvados,
            "epci": epci,
            "postcodes": "14500",
            "population": 16000,
            "latitude": Decimal("48.83850"),
            "longitude": Decimal("-0.88930"),
        },
    )
    caen, _ = Commune.objects.get_or_create(
        code="14118",
        defaults={
            "name": "Caen",
            "department": calvados,
            "postcodes": "14000",
            "population": 105000,
            "latitude": Decimal("49.18290"),
            "longitude": Decimal("-0.37060"),
        },
    )
    return {"calvados": calvados, "vire": vire, "caen": caen, "epci": epci}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.django.Password("motdepasse-solide-1")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"appel-{n}")
    title = "Normandie Connectée – Nouveaux espaces de compétences – Deffinov"
    short_title = "Deffinov Normandie"
    summary = "Appel à projets."
    objectives = "Former près de chez soi."
    who_may_apply = "Des consortiums."

    @factory.post_generation
    def rules(self, create, extracted, **kwargs):
        places = normandy()
        self.eligible_departments.add(places["calvados"])
        for position, (code, label) in enumerate(CRITERIA):
            TiersLieuCriterion.objects.create(call=self, code=code, label=label, position=position)


class WaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wave

    call = factory.SubFactory(CallFactory)
    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"vague-{n}")
    title = factory.Sequence(lambda n: f"Vague {n + 1}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    envelope = Decimal(1_000_000)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    siret = factory.LazyFunction(siret)
    name = factory.Sequence(lambda n: f"Structure {n}")
    kinds = factory.LazyFunction(lambda: ["tiers_lieu"])
    commune = factory.LazyFunction(lambda: normandy()["vire"])
    created_on = dt.date(2015, 3, 1)
    place_opened_on = dt.date(2018, 9, 1)

    class Params:
        training = factory.Trait(
            kinds=["organisme_formation"],
            nda="28140123414",
            place_opened_on=None,
            commune=factory.LazyFunction(lambda: normandy()["caen"]),
        )


def person(organisation, role=Membership.Role.ADMIN, **kwargs):
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def add_document(participation, kind, user=None, content=None):
    content = content or pdf_bytes(f"{participation.organisation.name} {kind}")
    document = Document(
        application=participation.application,
        participation=participation,
        kind=kind,
        original_name=f"{kind}.pdf",
        size=len(content),
        content_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
    )
    document.file.save(f"{kind}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def draft(wave=None, lead=None, admin=None, title="Espace de compétences du Bocage"):
    """A new draft led by a tiers-lieu; returns (application, lead participation, lead admin)."""
    wave = wave or WaveFactory()
    lead = lead or OrganisationFactory(name="Le Tiers-Lieu du Bocage")
    admin = admin or person(lead)
    application = Application.objects.create(wave=wave, title=title, created_by=admin)
    participation = Participation.objects.create(
        application=application, organisation=lead, is_lead=True, status="accepted", role="member"
    )
    return application, participation, admin


def join(application, organisation, role="member"):
    return Participation.objects.create(
        application=application, organisation=organisation, role=role, status="accepted"
    )


def eligible_application(wave=None, documents=True):
    """A complete dossier: a Vire tiers-lieu (lead) and a Caen training organisation, 150 000 € budget,
    100 000 € grant (33,3 % cofinancing), 18 months, every criterion justified, every document provided.

    Returns a dict with the application, the two structures, their participations and admins."""
    places = normandy()
    application, lead, lead_admin = draft(wave)
    partner_org = OrganisationFactory(training=True, name="Formations du Calvados")
    partner_admin = person(partner_org)
    partner = join(application, partner_org)
    for criterion in application.wave.call.tiers_lieu_criteria.all():
        CriterionDeclaration.objects.create(
            participation=lead, criterion=criterion, justification=f"Notre pratique : {criterion.label.lower()}."
        )
    application.communes.set([places["vire"]])
    application.summary = "Un espace de formation au cœur du Bocage virois."
    application.publics = ["demandeurs_emploi", "salaries"]
    application.pedagogy = "Formations hybrides, accompagnées sur place."
    application.innovation = "Des parcours courts co-construits avec les entreprises."
    application.pooling = "Salle visio et ordinateurs partagés."
    application.spaces = "Une salle de 12 postes, une cabine de visioconférence."
    application.start_on = dt.date(2025, 1, 1)
    application.end_on = dt.date(2026, 6, 30)
    application.save()
    Participation.objects.filter(pk=lead.pk).update(grant_share=Decimal("0.6"))
    Participation.objects.filter(pk=partner.pk).update(grant_share=Decimal("0.4"))
    ExpenseLine.objects.create(
        application=application, participation=lead, category="personnel", label="Animatrice", amount=100_000
    )
    ExpenseLine.objects.create(
        application=application,
        participation=partner,
        category="equipement_pedagogique",
        label="Ordinateurs",
        amount=50_000,
    )
    ResourceLine.objects.create(application=application, kind="requested_grant", label="Région", amount=100_000)
    ResourceLine.objects.create(application=application, kind="own_funds", label="Fonds propres", amount=50_000)
    lead.refresh_from_db()
    partner.refresh_from_db()
    if documents:
        for participation in (lead, partner):
            for kind in required_kinds(participation):
                add_document(participation, kind)
    return {
        "application": application,
        "lead": lead,
        "partner": partner,
        "lead_admin": lead_admin,
        "partner_admin": partner_admin,
        "places": places,
    }
