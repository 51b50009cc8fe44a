"""Dossiers: a draft, a partner joining, documents, and a complete, eligible dossier in Vire Normandie."""

import datetime as dt
import hashlib
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from deffinov.applications.documents import required_kinds
from deffinov.applications.models import (
    Application,
    CriterionDeclaration,
    Document,
    ExpenseLine,
    Participation,
    ResourceLine,
)
from deffinov.calls.models import PARIS
from deffinov.organisations.models import Membership
from tests.accounts.factories import UserFactory
from tests.calls.factories import WaveFactory
from tests.organisations.factories import OrganisationFactory, siret  # noqa: F401 (siret: for the dossier tests)
from tests.territories.factories import normandy


def pdf_bytes(text="Pièce justificative"):
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + text.encode()
        + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def person(organisation, role=Membership.Role.ADMIN, **kwargs):
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def add_document(participation, kind, user=None, content=None, name=None):
    content = content or pdf_bytes(f"{participation.organisation.name} {kind}")
    name = name or f"{kind}.pdf"
    document = Document(
        application=participation.application,
        participation=participation,
        kind=kind,
        original_name=name,
        size=len(content),
        content_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
    )
    document.file.save(name, ContentFile(content), save=False)
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


def project_dates(wave):
    """18 months from the day after the wave closes: never before the dossier is filed."""
    start = wave.closes_at.astimezone(PARIS).date() + dt.timedelta(days=1)
    months = start.month - 1 + 18
    end = dt.date(start.year + months // 12, months % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def eligible_application(wave=None, documents=True):
    """A complete dossier: a Vire tiers-lieu (lead) and a Caen training organisation, 150 000 € budget,
    100 000 € grant (33,3 % cofinancing), 18 months from the day after the wave closes, every criterion
    justified, every document provided. Without `wave`, a wave open today of a call whose programme runs
    long enough for the project.

    Returns a dict with the application, the two structures, their participations and admins."""
    places = normandy()
    if wave is None:
        wave = WaveFactory(call__programme_ends_on=dt.date(timezone.localdate().year + 4, 12, 31))
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
    application.start_on, application.end_on = project_dates(wave)
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
            for requirement in required_kinds(participation):
                add_document(participation, requirement.code)
    return {
        "application": application,
        "lead": lead,
        "partner": partner,
        "lead_admin": lead_admin,
        "partner_admin": partner_admin,
        "places": places,
    }
