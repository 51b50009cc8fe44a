import pytest

from tests import system
from tests.fixtures import (  # noqa: F401
    empty_cache,
    instructor,
    lead,
    lead_admin,
    lead_member,
    media_root,
    outside_world_unreachable,
    outsider,
    run_tasks,
    stored_emails,
    vire,
)


def pytest_configure(config):
    """Stop before the first test, in plain French, when a system library the PDFs need is missing."""
    missing = system.missing_packages()
    if missing:
        pytest.exit(system.missing_message(missing), returncode=4)
