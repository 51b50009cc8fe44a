import pytest

from tests.applications.factories import UserFactory


@pytest.fixture
def instructor(db):
    return UserFactory(instructor=True, first_name="Inès", last_name="Instructrice")


@pytest.fixture
def functional_admin(db):
    return UserFactory(functional_admin=True, first_name="Fanny", last_name="Fonctionnelle")


@pytest.fixture
def finance_officer(db):
    return UserFactory(finance_officer=True, first_name="Firmin", last_name="Finances")
