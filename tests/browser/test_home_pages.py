"""Each role's « Mon espace » in Chromium, at 1280 and 390 px: what to do next, nothing scrolls sideways, axe finds
nothing serious."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from deffinov.applications.models import State
from deffinov.committee.models import CommitteeSession, SessionState
from deffinov.instruction.models import CorrectionRequest
from deffinov.reviews.models import ExpertInvitation
from tests.accounts.factories import UserFactory
from tests.applications.factories import draft
from tests.calls.factories import WaveFactory
from tests.instruction.factories import make_application
from tests.organisations.factories import OrganisationFactory

WIDTHS = [1280, 390]


def applicant():
    user = UserFactory(email="camille@tiers-lieu.fr", first_name="Camille")
    lead = OrganisationFactory(name="Le Tiers-Lieu du Bocage", admins=[user])
    draft(WaveFactory(title="Vague de printemps"), lead=lead, admin=user, title="Fablab de Vire")
    corrected = make_application(state=State.CORRECTION_REQUESTED, lead_admins=[user], title="Campus du Bocage")
    CorrectionRequest.objects.create(
        application=corrected, reason="incomplete", details="Le RIB est illisible.", due_on=dt.date(2030, 4, 1)
    )
    return user, "Mes dossiers", "Fablab de Vire"


def instructor():
    make_application(title="Dossier à instruire")
    return UserFactory(instructor=True, email="ines@normandie.fr"), "Instruction", "Dossier à instruire"


def committee_member():
    CommitteeSession.objects.create(
        wave=WaveFactory(), title="Comité de juin", date=timezone.now() + dt.timedelta(days=20)
    )
    return UserFactory(committee_member=True, email="marc@normandie.fr"), "Comité de sélection", "Comité de juin"


def functional_admin():
    CommitteeSession.objects.create(
        wave=WaveFactory(), title="Comité tenu", date=timezone.now() - dt.timedelta(days=2), state=SessionState.HELD
    )
    return UserFactory(functional_admin=True, email="anne@normandie.fr"), "Séances à valider", "Comité tenu"


def finance_officer():
    return UserFactory(finance_officer=True, email="paul@normandie.fr"), "Suivi financier", None


def expert():
    user = UserFactory(expert=True, email="elise@exemple.fr")
    application = make_application(title="Dossier à évaluer")
    ExpertInvitation.objects.create(
        application=application,
        email=user.email,
        user=user,
        deadline=dt.date(2030, 6, 15),
        status=ExpertInvitation.Status.ACCEPTED,
    )
    return user, "Expertise", f"Dossier {application.number} – Dossier à évaluer"


@pytest.mark.parametrize(
    "build",
    [applicant, instructor, committee_member, functional_admin, finance_officer, expert],
    ids=lambda b: b.__name__,
)
def test_each_role_has_a_home_that_says_what_to_do(
    page, check_accessibility, log_in_through_the_form, transactional_db, build
):
    user, block, item = build()
    log_in_through_the_form(page, user)

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(reverse("accounts:dashboard"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
        expect(page.get_by_role("heading", level=2, name=block)).to_be_visible()
        if item:
            expect(page.get_by_role("link", name=item)).to_be_visible()
        if build is not applicant:
            expect(page.get_by_text("Inscrire une structure")).to_have_count(0)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        check_accessibility(page, f"home-{build.__name__}-{width}")
