import pytest

from tests.applications.factories import eligible_application


@pytest.fixture
def consortium(db):
    return eligible_application()


@pytest.fixture
def login(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in
