import pytest

from tests.accounts.factories import PASSWORD, UserFactory


@pytest.fixture
def user(db):
    return UserFactory(first_name="Camille", last_name="Lefèvre")


@pytest.fixture
def password():
    return PASSWORD
