"""Dossiers under instruction, staff, experts: what the expertise and committee tests build on."""

import datetime as dt

from django.utils import timezone

from deffinov.applications import workflow
from deffinov.applications.facts import with_dossier
from deffinov.applications.models import Application, ExpenseLine, Participation, ResourceLine, State
from deffinov.applications.snapshot import build_snapshot
from deffinov.territories.models import Commune, Department, Region
from tests.applications.factories import OrganisationFactory, UserFactory, eligible_application, normandy


def staff(**kwargs):
    """An instructor of the Region."""
    return UserFactory(staff=True, **kwargs)


def admin_user():
    return UserFactory(is_staff=True, is_superuser=True)


def in_review(wave=None, instructor=None):
    """A complete dossier, submitted by its lead and taken into instruction, through the workflow."""
    data = eligible_application(wave)
    application = data["application"]
    assert workflow.submit(application, data["lead_admin"])
    assert workflow.apply(application, "start_review", instructor or staff())
    application.refresh_from_db()
    data["application"] = application
    return data


def department(code, name, commune_code, commune_name):
    region, _ = Region.objects.get_or_create(code="28", defaults={"name": "Normandie"})
    dept, _ = Department.objects.get_or_create(code=code, defaults={"name": name, "region": region})
    commune, _ = Commune.objects.get_or_create(
        code=commune_code,
        defaults={"name": commune_name, "department": dept, "postcodes": "", "latitude": 49, "longitude": 0},
    )
    return dept, commune


def quick_dossier(wave, title, requested, total, commune=None, state=State.IN_REVIEW, lead=None):
    """A dossier in the given state with a lead in `commune`, a budget of `total` € and `requested` € asked for.

    Built directly (no documents, no eligibility run): for lists, rankings and exports."""
    lead = lead or OrganisationFactory(name=f"Tiers-lieu {title}", commune=commune or normandy()["vire"])
    application = Application.objects.create(wave=wave, title=title)
    participation = Participation.objects.create(
        application=application, organisation=lead, is_lead=True, status="accepted", role="member"
    )
    ExpenseLine.objects.create(
        application=application, participation=participation, category="personnel", label="Équipe", amount=total
    )
    ResourceLine.objects.create(application=application, kind="requested_grant", label="Région", amount=requested)
    ResourceLine.objects.create(
        application=application, kind="own_funds", label="Fonds propres", amount=total - requested
    )
    now = timezone.now()
    fresh = with_dossier(Application.objects.filter(pk=application.pk)).get()
    Application.objects.filter(pk=application.pk).update(
        state=state,
        submitted_at=now - dt.timedelta(days=10),
        snapshot=build_snapshot(fresh, now),
        eligibility_at_submission={"eligible": True, "rules": []},
    )
    application.refresh_from_db()
    return application
