"""Submitted dossiers of a consortium, built through the applications' models, frozen as the submission freezes them."""

import datetime as dt
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from deffinov.applications.facts import with_dossier
from deffinov.applications.models import (
    Application,
    ApplicationTransition,
    Document,
    ExpenseLine,
    Participation,
    ResourceLine,
    State,
)
from deffinov.applications.snapshot import build_snapshot
from deffinov.calls.models import Call, Wave
from deffinov.territories.models import Commune, Department, Region
from tests.organisations.factories import OrganisationFactory, vire_normandie

PARIS_TZ = dt.timezone(dt.timedelta(hours=1))


def department(code, name):
    region, _ = Region.objects.get_or_create(code="28", defaults={"name": "Normandie"})
    return Department.objects.get_or_create(code=code, defaults={"name": name, "region": region})[0]


def saint_lo():
    return Commune.objects.get_or_create(
        code="50502", defaults={"name": "Saint-Lô", "department": department("50", "Manche"), "population": 19_000}
    )[0]


def alencon():
    return Commune.objects.get_or_create(
        code="61001", defaults={"name": "Alençon", "department": department("61", "Orne"), "population": 26_000}
    )[0]


def make_call(slug="deffinov-normandie"):
    call, created = Call.objects.get_or_create(
        slug=slug,
        defaults={
            "title": "Normandie Connectée – Nouveaux espaces de compétences – Deffinov",
            "short_title": "Deffinov Normandie",
            "summary": "Des espaces de compétences dans les tiers-lieux.",
            "objectives": "Former près de chez soi",
            "who_may_apply": "Des consortiums",
        },
    )
    if created:
        vire_normandie()
        call.eligible_departments.add(
            department("14", "Calvados"),
            department("27", "Eure"),
            department("50", "Manche"),
            department("61", "Orne"),
            department("76", "Seine-Maritime"),
        )
    return call


def make_wave(call=None, slug="vague-2", title="Vague 2 – 2024"):
    call = call or make_call()
    return Wave.objects.get_or_create(
        slug=slug,
        defaults={
            "call": call,
            "number": 2,
            "title": title,
            "opens_at": dt.datetime(2024, 1, 8, 0, 0, tzinfo=PARIS_TZ),
            "closes_at": dt.datetime(2024, 3, 11, 23, 59, 59, tzinfo=PARIS_TZ),
            "envelope": Decimal(1_000_000),
        },
    )[0]


def verdict(eligible=True, warning=False):
    rules = [
        {"code": "wave.open", "status": "pass", "message": "Déposé pendant la vague.", "details": {}},
        {
            "code": "budget.cofinancing",
            "status": "pass" if eligible else "fail",
            "message": "Cofinancement de 40 %." if eligible else "Cofinancement de 10 % : 30 % au moins sont exigés.",
            "details": {},
        },
        {
            "code": "budget.grant_range",
            "status": "warning" if warning else "pass",
            "message": "Subvention de 40 000 €, sous le minimum de 50 000 €."
            if warning
            else "Subvention dans la fourchette.",
            "details": {},
        },
    ]
    return {"eligible": eligible, "rules": rules}


def make_application(
    wave=None,
    *,
    title="Espace de compétences du Bocage",
    lead=None,
    lead_admins=(),
    lead_members=(),
    partner=None,
    partner_members=(),
    commune=None,
    grant=Decimal(80_000),
    expenses=Decimal(200_000),
    state=State.SUBMITTED,
    eligible=True,
    warning=False,
    submitted_at=None,
    with_document=False,
):
    """A dossier of a tiers-lieu (lead) and a training organisation, submitted (or further along)."""
    wave = wave or make_wave()
    lead = lead or OrganisationFactory(admins=list(lead_admins), members=list(lead_members))
    partner = partner or OrganisationFactory(organisme_formation=True, members=list(partner_members))
    submitted_at = submitted_at or dt.datetime(2024, 3, 1, 10, 0, tzinfo=PARIS_TZ)
    application = Application.objects.create(wave=wave, title=title, summary="Un espace de formation partagé.")
    application.communes.add(commune or lead.commune)
    lead_part = Participation.objects.create(
        application=application, organisation=lead, is_lead=True, status="accepted", grant_share=Decimal("0.6")
    )
    Participation.objects.create(
        application=application, organisation=partner, status="accepted", grant_share=Decimal("0.4")
    )
    ExpenseLine.objects.create(
        application=application, participation=lead_part, category="personnel", label="Animation", amount=expenses
    )
    ResourceLine.objects.create(application=application, kind="requested_grant", label="Région", amount=grant)
    ResourceLine.objects.create(
        application=application, kind="own_funds", label="Fonds propres", amount=expenses - grant
    )
    if with_document:
        add_document(application, lead_part)
    fresh = with_dossier(Application.objects.filter(pk=application.pk)).get()
    Application.objects.filter(pk=application.pk).update(
        state=state,
        submitted_at=submitted_at,
        snapshot=build_snapshot(fresh, submitted_at),
        eligibility_at_submission=verdict(eligible, warning),
        version=F("version") + 1,
    )
    ApplicationTransition.objects.create(
        application=application, from_state=State.DRAFT, to_state=State.SUBMITTED, at=submitted_at
    )
    application.refresh_from_db()
    return application


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def add_document(application, participation, name="statuts.pdf", content=PDF):
    import hashlib

    from django.core.files.base import ContentFile

    document = Document(
        application=application,
        participation=participation,
        kind="statuts",
        original_name=name,
        size=len(content),
        content_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_at=timezone.now(),
    )
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document
