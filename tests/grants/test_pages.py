"""The funded projects' pages: who gets what, the list and its filters, the project's page and its actions."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deffinov.grants import amendments
from deffinov.grants.models import ProjectState
from tests.applications.factories import UserFactory
from tests.grants.helpers import funded_project, signed, upload_signed_copy

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "member", "lead_admin", "instructor", "functional_admin", "finance_officer"]
LOGIN = "login"


@pytest.fixture
def world(opened, instructor, functional_admin, finance_officer):
    project, data = opened
    document = upload_signed_copy(project, data["lead_admin"])
    amendments.record_amendment(
        project,
        functional_admin,
        motivation="Report de l'ouverture du second lieu.",
        signed_on=timezone.localdate(),
        ends_on=project.ends_on + dt.timedelta(days=30),
    )
    number = project.number
    return {
        "project": project,
        "users": {
            "anonymous": None,
            "outsider": UserFactory(email="autre@exemple.fr"),
            "member": data["partner_admin"],
            "lead_admin": data["lead_admin"],
            "instructor": instructor,
            "functional_admin": functional_admin,
            "finance_officer": finance_officer,
        },
        "urls": {
            "index": reverse("grants:index"),
            "detail": reverse("grants:detail", args=[number]),
            "convention": reverse("grants:convention", args=[number]),
            "version": reverse("grants:convention_version", args=[number, document.pk]),
            "upload_signed": reverse("grants:upload_signed", args=[number]),
            "countersign": reverse("grants:countersign", args=[number]),
            "start": reverse("grants:act", args=[number, "start"]),
            "terminate": reverse("grants:act", args=[number, "terminate"]),
            "new_amendment": reverse("grants:new_amendment", args=[number]),
            "amendment_pdf": reverse("grants:amendment_pdf", args=[number, 1]),
        },
    }


def everyone(status, **overrides):
    return {role: overrides.get(role, status) for role in ROLES}


FOLLOWERS = everyone(200, anonymous=LOGIN, outsider=404)  # the collectif and the Region
FORBIDDEN = everyone(403, anonymous=LOGIN, outsider=404)  # the project is seen, the action is not theirs
MATRIX = [
    ("index", "get", everyone(200, anonymous=LOGIN)),  # an outsider sees an empty list
    ("detail", "get", FOLLOWERS),
    ("convention", "get", FOLLOWERS),
    ("version", "get", FOLLOWERS),
    ("amendment_pdf", "get", FOLLOWERS),
    ("upload_signed", "post", FORBIDDEN | {"lead_admin": 422}),  # no file: the page says so
    ("countersign", "post", FORBIDDEN | {"functional_admin": 422}),  # no date
    ("start", "post", FORBIDDEN | {"instructor": 422}),  # the convention is not countersigned yet
    ("terminate", "post", FORBIDDEN | {"functional_admin": 422}),  # no motivation, no confirmation
    ("new_amendment", "get", FORBIDDEN | {"functional_admin": 200}),
]


@pytest.mark.parametrize(("name", "method", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_permission_matrix(client, world, name, method, expected):
    url = world["urls"][name]
    for role in ROLES:
        client.logout()
        user = world["users"][role]
        if user is not None:
            client.force_login(user)
        response = getattr(client, method)(url)
        if expected[role] == LOGIN:
            assert response.status_code == 302 and "/comptes/login/" in response.url, (name, role)
        else:
            assert response.status_code == expected[role], (name, role, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)
    world["project"].refresh_from_db()
    assert world["project"].state == ProjectState.CONVENTION_TO_SIGN  # nobody moved it by an empty form


def test_the_project_page_shows_amount_dates_shares_convention_and_history(client, opened, functional_admin):
    project, data = opened
    client.force_login(data["lead_admin"])
    html = client.get(project.get_absolute_url()).text
    assert "90\u202f000\u00a0€" in html or "90 000 €" in html.replace("\u202f", " ").replace("\u00a0", " ")
    text = html.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Convention à signer" in text
    assert "Formations du Calvados" in text and "40 %" in text and "60 %" in text
    assert "Déposer la convention signée" in text  # the lead's admin may upload it
    assert "Contre-signer" not in text
    assert "Projet ouvert" in text  # the timeline starts at the deliberation

    client.force_login(data["partner_admin"])
    text = client.get(project.get_absolute_url()).text
    assert "Déposer la convention signée" not in text  # a member reads, only the lead's admins sign


def test_the_dossier_page_of_an_accepted_dossier_links_to_its_project(client, opened):
    project, data = opened
    client.force_login(data["lead_admin"])
    html = client.get(reverse("applications:detail", args=[project.number])).text
    assert project.get_absolute_url() in html


def test_the_list_filters_by_wave_state_and_department_in_constant_queries(client, instructor, functional_admin):
    first, _ = funded_project(instructor, functional_admin)
    second, _ = funded_project(instructor, functional_admin, amount=Decimal(80_000), wave=first.application.wave)
    signed(second, functional_admin)
    client.force_login(instructor)
    url = reverse("grants:index")
    client.get(url)  # the session is warm
    with CaptureQueriesContext(connection) as two:
        html = client.get(url).text
    assert first.get_absolute_url() in html and second.get_absolute_url() in html
    for _ in range(3):
        funded_project(instructor, functional_admin, wave=first.application.wave)
    with CaptureQueriesContext(connection) as five:
        html = client.get(url).text
    assert html.count('data-label="Projet"') == 5
    assert len(five) == len(two) <= 12  # no query per project

    html = client.get(url, {"state": "signed"}).text
    assert second.get_absolute_url() in html and first.get_absolute_url() not in html
    html = client.get(url, {"department": "14"}).text  # the leads are in Vire (Calvados)
    assert first.get_absolute_url() in html
    html = client.get(url, {"department": "50"}).text
    assert "Aucun projet financé ne correspond" in html
    html = client.get(url, {"wave": str(first.application.wave_id)}).text
    assert first.get_absolute_url() in html


def test_an_applicant_lists_only_the_projects_of_their_structures(client, instructor, functional_admin):
    mine, data = funded_project(instructor, functional_admin)
    other, _ = funded_project(instructor, functional_admin)
    client.force_login(data["partner_admin"])
    html = client.get(reverse("grants:index")).text
    assert mine.get_absolute_url() in html and other.get_absolute_url() not in html


def test_actions_need_a_confirmation_and_a_termination_its_motivation(client, opened, instructor, functional_admin):
    project, _ = opened
    signed(project, functional_admin)
    client.force_login(instructor)
    url = reverse("grants:act", args=[project.number, "start"])
    response = client.post(url, {})
    assert response.status_code == 422 and "Cochez la case pour confirmer" in response.text
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.RUNNING

    client.force_login(functional_admin)
    url = reverse("grants:act", args=[project.number, "terminate"])
    response = client.post(url, {"confirm": "on", "motivation": "  "})
    assert response.status_code == 422 and "Indiquez le motif de la résiliation" in response.text
    response = client.post(url, {"confirm": "on", "motivation": "Structure liquidée."})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.TERMINATED
    html = client.get(project.get_absolute_url()).text
    assert "Structure liquidée." in html and "Résilié" in html


def test_a_region_agent_without_a_second_factor_sets_one_up_before_the_projects(client, opened):
    project, _ = opened
    client.force_login(UserFactory(instructor=True, second_factor=False))
    response = client.get(project.get_absolute_url())
    assert response.status_code == 302 and "totp" in response.url


def test_the_menu_offers_the_projects_to_followers_and_to_people_whose_structures_have_one(
    client, opened, instructor, finance_officer
):
    _, data = opened
    link = '<a href="/projets/"'
    for user, expected in [
        (data["lead_admin"], True),
        (data["partner_admin"], True),
        (instructor, True),
        (finance_officer, True),
        (UserFactory(), False),
    ]:
        client.force_login(user)
        assert (link in client.get(reverse("accounts:dashboard")).text) is expected, user
