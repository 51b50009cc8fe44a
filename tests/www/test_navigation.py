"""The site's navigation follows the Region roles: each agent finds their pages, an applicant sees none of them."""

import pytest

from tests.accounts.factories import UserFactory
from tests.demo.fixtures import page_text

pytestmark = pytest.mark.django_db


def navigation(client, user):
    client.force_login(user)
    return page_text(client.get("/mon-espace/")).split("Aller au contenu", 1)[1].split("Se déconnecter", 1)[0]


def test_an_instructor_finds_the_instruction_and_the_committee(client):
    nav = navigation(client, UserFactory(instructor=True))

    assert "Instruction" in nav and "Comité" in nav
    assert "Administration" not in nav


def test_a_committee_member_finds_the_committee_only(client):
    nav = navigation(client, UserFactory(committee_member=True))

    assert "Comité" in nav
    assert "Instruction" not in nav


def test_an_applicant_sees_no_region_page(client):
    nav = navigation(client, UserFactory())

    assert "Instruction" not in nav and "Comité" not in nav and "Administration" not in nav


def test_a_functional_admin_finds_the_claims_to_review(client):
    nav = navigation(client, UserFactory(functional_admin=True))

    assert "Revendications de structures" in nav


def test_an_instructor_has_no_claims_to_review(client):
    assert "Revendications de structures" not in navigation(client, UserFactory(instructor=True))
