from tests.fixtures import (  # noqa: F401
    empty_cache,
    instructor,
    lead,
    lead_admin,
    lead_member,
    media_root,
    outsider,
    run_tasks,
    stored_emails,
    vire,
)
