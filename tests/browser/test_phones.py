"""On a phone (390 px wide), every page of the main journeys fits the screen: nothing scrolls sideways, and each
page passes the accessibility scan. The pages are those of the demonstration, seen by each of its people."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from deffinov.accounts.models import User
from deffinov.applications.models import Application
from deffinov.committee.models import CommitteeSession
from deffinov.demo.organisations import STRUCTURES
from deffinov.organisations.models import Membership
from tests.browser.test_simulator import call_with_an_open_wave  # noqa: F401
from tests.demo.fixtures import load_normandy

PHONE = {"width": 390, "height": 844}
# The paths of the links matched, each ending at the dossier's own page.
LINKS = "links => links.map(link => link.pathname.split('/').slice(0, 3).join('/') + '/')"


@pytest.fixture
def full_demo(transactional_db):
    """The demonstration as `make run` loads it: the call, structures, people, dossiers in every state, a session."""
    load_normandy(spec["commune"] for spec in STRUCTURES)
    call_command("load_demo", "--wet-run", stdout=StringIO())


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


@pytest.fixture
def walk(phone, live_server, check_accessibility, transactional_db):
    """Visit each page as the given person (or nobody); return the pages wider than the screen."""

    def visit(email, paths):
        """The pages wider than the screen, each with its width."""
        phone.context.clear_cookies()
        if email:
            client = Client()
            client.force_login(User.objects.get(email=email))
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            phone.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        too_wide = []
        for path in paths:
            response = phone.goto(path)
            assert response.status == 200, (path, response.status)
            width = phone.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{path}: {width} px")
            check_accessibility(phone, f"phone-{path.strip('/').replace('/', '-') or 'accueil'}")
        return too_wide

    return visit


@pytest.mark.usefixtures("full_demo")
def test_the_public_pages_fit_a_phone(walk):
    call = Application.objects.first().wave.call
    paths = ["/", reverse("calls:list"), call.get_absolute_url(), reverse("eligibility:simulator")]
    paths += [reverse("www:accessibility"), reverse("www:legal"), reverse("account_login"), reverse("account_signup")]

    assert walk(None, paths) == []


@pytest.mark.usefixtures("full_demo")
def test_the_applicants_pages_fit_a_phone(walk, phone):
    email = "candidat@demo.deffinov.fr"
    paths = [reverse("accounts:dashboard"), reverse("applications:list")]
    assert walk(email, paths) == []

    # Each dossier the list links to, its collectif, and each structure of the applicant.
    dossiers = sorted(set(phone.eval_on_selector_all("main a[href^='/dossiers/DEF-']", LINKS)))
    assert dossiers
    paths = [*dossiers, *(f"{path}consortium/" for path in dossiers)]
    user = User.objects.get(email=email)
    paths += [
        reverse("organisations:detail", args=[each.organisation_id]) for each in Membership.objects.filter(user=user)
    ]

    assert walk(email, paths) == []


@pytest.mark.usefixtures("full_demo")
def test_the_regions_pages_fit_a_phone(walk):
    submitted = Application.objects.exclude(state="draft")
    paths = [reverse("instruction:index"), reverse("instruction:my_dossiers")]
    paths += [reverse("instruction:dossier", args=[dossier.number]) for dossier in submitted]
    paths += [reverse("committee:index")]
    paths += [reverse("committee:session", args=[session.pk]) for session in CommitteeSession.objects.all()]
    waves = {dossier.wave.slug for dossier in submitted}
    paths += [reverse("instruction:workspace", args=[slug]) for slug in sorted(waves)]

    assert walk("instructeur@demo.deffinov.fr", paths) == []


@pytest.mark.usefixtures("call_with_an_open_wave")
def test_the_simulators_verdict_stays_in_view_while_typing(phone):
    phone.goto(reverse("eligibility:simulator"))
    bar = phone.locator("#resultat-resume")
    expect(bar).to_contain_text("Pas encore éligible")
    before = bar.inner_text()

    member = phone.locator("#membre-1")
    member.get_by_label("Nom de la structure").fill("La Fabrique de Vire")
    member.get_by_label("Tiers-lieu", exact=True).check()
    member.get_by_label("Date de création de la structure").fill("2018-05-01")
    member.get_by_label("Structure 1 chef de file").check()

    # Fewer blocking rules: the collectif has a tiers-lieu and a lead now.
    expect(bar).not_to_have_text(before)
    expect(bar).to_contain_text("bloquante")
    expect(bar).to_have_attribute("aria-live", "polite")
    box, field = bar.bounding_box(), member.get_by_label("Structure 1 chef de file").bounding_box()
    # The bar sits on the screen, at its bottom, while the field typed in is still visible above it.
    assert 0 <= field["y"] < box["y"] and box["y"] + box["height"] <= PHONE["height"] + 1
    bar.get_by_role("link", name="Voir le détail").click()
    expect(phone.locator("#resultat")).to_be_in_viewport()
