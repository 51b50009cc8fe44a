"""`is_staff` opens the admin and nothing else: walking every Region route, a staff account without a Region role
is refused everywhere an instructor is let in."""

import pytest

from tests.accounts.factories import UserFactory
from tests.applications.factories import draft
from tests.security.test_every_view_has_a_permission import ROUTES

# Any signed-in person's own list of expert invitations (empty unless invited), and the invitation link itself.
OWN_PAGES = {"reviews:index", "reviews:take_up"}
REGION_ROUTES = [
    (name, path)
    for name, path in ROUTES
    if path.startswith(("/instruction/", "/comite/", "/expertise/")) and name not in OWN_PAGES
]


def test_the_walk_covers_instruction_committee_and_expertise():
    names = {name for name, _ in REGION_ROUTES}
    assert {"instruction:index", "committee:index", "committee:decide", "instruction:dismiss"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), REGION_ROUTES, ids=[name for name, _ in REGION_ROUTES])
def test_a_staff_account_without_a_role_is_refused_every_region_route(client, name, path):
    client.force_login(UserFactory(is_staff=True))

    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code in {403, 404, 405}, (method.__name__, path, response.status_code)


@pytest.mark.django_db
def test_a_staff_account_without_a_role_lists_none_of_the_dossiers(client):
    dossier, _lead, _admin = draft(title="Tiers-lieu numérique du Bocage")
    client.force_login(UserFactory(is_staff=True))

    response = client.get("/dossiers/")

    assert response.status_code == 200
    assert dossier.title not in response.text
    assert dossier.number not in response.text
