"""Who gets what on every page of the reports.

Roles: anonymous, outsider, lead (the lead structure's administrator), partner (administrator of another member of
the collectif), instructor, functional administrator, finance officer, committee member, expert."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deffinov.reports.content import add_attachment
from tests.applications.factories import UserFactory
from tests.reports.conftest import PDF
from tests.reports.helpers import handed_in, report

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "lead", "partner", "instructor", "functional_admin", "finance", "member", "expert"]
LOGIN = "login"


def everyone(status, **overrides):
    return {role: overrides.get(role, status) for role in ROLES}


FOLLOWERS = {"instructor": 200, "functional_admin": 200, "finance": 200}
READ = everyone(404, anonymous=LOGIN, lead=200, partner=200, **FOLLOWERS)
LEAD_ONLY = everyone(403, anonymous=LOGIN, outsider=404, member=404, expert=404)
MATRIX = [
    ("detail", "get", READ),
    ("version", "get", READ),
    ("attachment", "get", READ),
    ("edit", "get", LEAD_ONLY | {"lead": 200}),
    ("remove_attachment", "post", LEAD_ONLY | {"lead": 302}),
    ("decide", "post", LEAD_ONLY | {"instructor": 422}),  # an empty form: the page says why
    ("late", "get", everyone(404, anonymous=LOGIN, **FOLLOWERS)),
]


@pytest.fixture
def world(funded, finance_officer, functional_admin, instructor):
    project, data = funded
    interim = report(project)
    pdf = SimpleUploadedFile("emargements.pdf", PDF, content_type="application/pdf")
    kept = add_attachment(interim, pdf, data["lead_admin"])
    handed_in(interim, data["lead_admin"])
    final = report(project, "final")
    draft = add_attachment(final, SimpleUploadedFile("brouillon.pdf", PDF), data["lead_admin"])
    number = project.number
    return {
        "users": {
            "anonymous": None,
            "outsider": UserFactory(),
            "lead": data["lead_admin"],
            "partner": data["partner_admin"],
            "instructor": instructor,
            "functional_admin": functional_admin,
            "finance": finance_officer,
            "member": UserFactory(committee_member=True),
            "expert": UserFactory(expert=True),
        },
        "urls": {
            "detail": reverse("reports:detail", args=[number, "interim"]),
            "version": reverse("reports:version", args=[number, "interim", 1]),
            "attachment": reverse("reports:attachment", args=[number, "interim", kept.pk]),
            "edit": reverse("reports:edit", args=[number, "final"]),
            "remove_attachment": reverse("reports:remove_attachment", args=[number, "final", draft.pk]),
            "decide": reverse("reports:decide", args=[number, "interim"]),
            "late": reverse("reports:late"),
        },
        "draft": draft,
    }


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


def test_the_region_never_opens_an_attachment_of_a_draft(client, world):
    client.force_login(world["users"]["instructor"])
    url = reverse("reports:attachment", args=[world["draft"].report.project.number, "final", world["draft"].pk])
    assert client.get(url).status_code == 404
    client.force_login(world["users"]["lead"])
    response = client.get(url)
    assert response.status_code == 200
    b"".join(response.streaming_content)


def test_an_unknown_kind_of_report_is_not_found(client, world):
    client.force_login(world["users"]["lead"])
    number = world["draft"].report.project.number
    assert client.get(reverse("reports:detail", args=[number, "annuel"])).status_code == 404
