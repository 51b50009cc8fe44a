import pytest

from deffinov.eligibility.snapshots import forget
from tests.eligibility.fixtures import create_normandy_call


@pytest.fixture(autouse=True)
def _fresh_snapshots():
    """Each test reads its own call: a database rolled back fires no signal."""
    forget()
    yield


@pytest.fixture
def normandy_call(db):
    return create_normandy_call()
