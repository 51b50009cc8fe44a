"""Submitted dossiers of a consortium, built through the applications' models, frozen as the submission freezes them."""

import datetime as dt
from decimal import Decimal

from django.db.models import F

from deffinov.applications.facts import with_dossier
from deffinov.applications.models import (
    Application,
    ApplicationTransition,
    ExpenseLine,
    Participation,
    ResourceLine,
    State,
)
from deffinov.applications.snapshot import build_snapshot
from tests.applications.factories import add_document, pdf_bytes
from tests.calls.factories import normandy_wave
from tests.organisations.factories import OrganisationFactory
from tests.territories.factories import alencon, saint_lo  # noqa: F401 (for the workspace and journey tests)

PARIS_TZ = dt.timezone(dt.timedelta(hours=1))
PDF = pdf_bytes("Devis signé")


def make_wave(call=None, title="Vague 2 – 2024"):
    """Wave 2 of the Normandy call (8 January – 11 March 2024)."""
    return normandy_wave(2, title=title, call=call)


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
        add_document(lead_part, "statuts", content=PDF)
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
