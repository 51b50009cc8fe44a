import pytest

from tests.applications.factories import UserFactory
from tests.grants.helpers import funded_project


@pytest.fixture
def instructor(db):
    return UserFactory(instructor=True, first_name="Inès", last_name="Instructrice")


@pytest.fixture
def functional_admin(db):
    return UserFactory(functional_admin=True, first_name="Fanny", last_name="Fonctionnelle")


@pytest.fixture
def finance_officer(db):
    return UserFactory(finance_officer=True, first_name="Firmin", last_name="Finances")


@pytest.fixture
def project(instructor, functional_admin):
    """A funded project granted 90 000 €, its convention to sign."""
    return funded_project(instructor, functional_admin)[0]


@pytest.fixture
def opened(instructor, functional_admin):
    """(project, data): a project granted 90 000 € for 100 000 € requested; `data` holds the lead's and the
    partner's administrators (`lead_admin`, `partner_admin`)."""
    return funded_project(instructor, functional_admin)
