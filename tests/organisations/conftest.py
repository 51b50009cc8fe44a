"""The organisation tests name the shared people after their place in the structure."""

import pytest

from deffinov.organisations import sirene
from tests.organisations import sirene_stub


@pytest.fixture
def admin(lead_admin):
    return lead_admin


@pytest.fixture
def member(lead_member):
    return lead_member


@pytest.fixture
def staff(instructor):
    return instructor


@pytest.fixture
def organisation(lead):
    return lead


@pytest.fixture(autouse=True)
def sirene_unreachable(monkeypatch):
    """No test reaches the real register: unless a test says otherwise, it does not answer."""
    monkeypatch.setattr(sirene, "TRANSPORT", sirene_stub.unreachable())


@pytest.fixture
def sirene_register(monkeypatch):
    transport = sirene_stub.register()
    monkeypatch.setattr(sirene, "TRANSPORT", transport)
    return transport
