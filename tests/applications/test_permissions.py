"""Every view against every kind of visitor: outsiders get 404, read-only visitors 403."""

import pytest
from django.urls import reverse

from deffinov.applications.models import Document
from tests.applications.factories import OrganisationFactory, UserFactory, person

READ = "read"
EDIT = "edit"
MANAGE = "manage"
VIEWS = [
    ("detail", "get", READ, {}),
    ("eligibility", "get", READ, {}),
    ("consortium", "get", READ, {}),
    ("section", "post", EDIT, {"key": "identite"}),
    ("add_expense", "post", EDIT, {}),
    ("add_resource", "post", EDIT, {}),
    ("upload", "post", EDIT, {"participation": True}),
    ("document", "get", READ, {"document": True}),
    ("invite", "post", MANAGE, {}),
    ("invite_by_email", "post", MANAGE, {}),
    ("transfer_lead", "post", MANAGE, {"data": "partner"}),
    ("submit", "get", MANAGE, {}),
    ("withdraw", "get", MANAGE, {}),
]
# Who gets what: 200-ish (allowed), 403 (may read, not do) or 404 (may not even see).
EXPECTED = {
    "anonymous": {READ: 302, EDIT: 302, MANAGE: 302},
    "outsider": {READ: 404, EDIT: 404, MANAGE: 404},
    "partner_member": {READ: 200, EDIT: 200, MANAGE: 403},
    "lead_admin": {READ: 200, EDIT: 200, MANAGE: 200},
    "lead_member": {READ: 200, EDIT: 200, MANAGE: 403},
    # A draft is its consortium's own: the Region's agents see a dossier once it is submitted.
    "staff": {READ: 404, EDIT: 404, MANAGE: 404},
}


def consume(response):
    """Read a (streamed) response to its end, which closes it the way a server does."""
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.fixture
def people(consortium):
    return {
        "anonymous": None,
        "outsider": person(OrganisationFactory()),
        "partner_member": person(consortium["partner"].organisation, role="member"),
        "lead_admin": consortium["lead_admin"],
        "lead_member": person(consortium["lead"].organisation, role="member"),
        "staff": UserFactory(instructor=True),
    }


def url_for(name, consortium, options):
    application = consortium["application"]
    args = [application.number]
    if "key" in options:
        args.append(options["key"])
    if options.get("participation"):
        args.append(consortium["lead"].pk)
    if options.get("document"):
        args.append(Document.objects.filter(application=application).first().pk)
    return reverse(f"applications:{name}", args=args)


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize(("name", "method", "level", "options"), VIEWS, ids=[view[0] for view in VIEWS])
def test_permission_matrix(consortium, people, client, who, name, method, level, options):
    user = people[who]
    if user:
        client.force_login(user)
    data = {"participation": consortium["partner"].pk} if options.get("data") else {}
    response = getattr(client, method)(url_for(name, consortium, options), data)
    consume(response)
    expected = EXPECTED[who][level]
    if expected == 200:
        # Allowed: the page, a redirect after the action, or a form error; never a refusal.
        assert response.status_code not in {403, 404}, response.status_code
        if response.status_code == 302:
            assert "/comptes/login" not in response.url
    else:
        assert response.status_code == expected
        if expected == 302:
            assert "/comptes/login" in response.url


def test_receipt_is_for_the_consortium_and_staff(consortium, people, client):
    url = reverse("applications:receipt", args=[consortium["application"].number])
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(people["partner_member"])
    assert client.get(url).status_code == 404  # not submitted yet: no receipt


def test_list_shows_only_my_structures_dossiers_in_constant_queries(
    consortium, people, client, django_assert_max_num_queries
):
    client.force_login(people["outsider"])
    assert consortium["application"].number not in client.get(reverse("applications:list")).content.decode()
    client.force_login(consortium["lead_admin"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("applications:list"))
    assert consortium["application"].number in response.content.decode()
