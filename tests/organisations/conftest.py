"""The organisation tests name the shared people after their place in the structure."""

import pytest


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
