"""The OpenAPI document tells the truth: every request schemathesis derives from it, valid or not, is answered
without a server error, with a documented status code and a body that matches the documented schema.

Runs in-process against the WSGI application (no network, no server), over every operation, with requests that
follow the schema and requests that break it."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.territories.factories import department

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 40  # per operation and mode: the whole run stays well under a minute


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Requests reach the WSGI application directly: as Django's test client does, keep the test's database
    connection open across them (Django closes it at the end of each request, which would end the test's
    transaction on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_answer_of_the_api_matches_its_openapi_document(normandy_call, mode):
    department("61")
    found = operations()
    assert len(found) >= 6
    unsatisfiable = []

    for operation in found:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def answers_as_documented(case):
            case.call_and_validate(checks=CHECKS)

        try:
            answers_as_documented()
        except Unsatisfiable:
            # A request breaking the schema cannot be built (a free-form path segment or body): nothing to test.
            assert mode == GenerationMode.NEGATIVE, operation.label
            unsatisfiable.append(operation.label)
    assert "POST /api/v1/eligibility" not in unsatisfiable
