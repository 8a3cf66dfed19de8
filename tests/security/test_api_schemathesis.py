"""Schemathesis against the integration API, in process through the WSGI app: the schema at
/api/openapi.json loads and every generated request, public or with a staff token, gets an
answer below 500 (a limited number of examples per operation, to stay under a minute)."""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from config.wsgi import application
from tests.api.client import token_for
from tests.transfers.factories import transfer_world

pytestmark = pytest.mark.django_db
EXAMPLES_PER_OPERATION = 10


@contextmanager
def same_database_connection():
    """The WSGI app runs in this thread; keep Django from closing the test's connection (and
    its open transaction) at the end of each request, as Django's own test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _schema():
    return schemathesis.openapi.from_wsgi("/api/openapi.json", application)


def test_the_schema_validates_against_the_openapi_specification():
    with same_database_connection():
        schema = _schema()
    schema.validate()  # raises on any departure from the OpenAPI 3.1 meta-schema
    assert schema.raw_schema["openapi"].startswith("3.")
    assert "/api/staff/transfers/{transfer_id}/status" in schema.raw_schema["paths"]


def _operations():
    schema = _schema()
    operations = []
    for result in schema.get_all_operations():
        operations.append(result.ok())  # raises if an operation of the schema is invalid
    return operations


def _assert_no_server_error(operation, headers):
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        response = case.call(headers=headers)
        assert response.status_code < 500, (case.method, case.formatted_path, response.text)
        content_type = {k.lower(): v for k, v in response.headers.items()}.get("content-type")
        assert "application/json" in str(content_type), (case.method, case.formatted_path)

    run()


def test_the_schema_loads_and_no_generated_request_gets_a_server_error():
    world = transfer_world()
    headers = {"Authorization": f"Bearer {token_for(world.receiving_transfer)}"}
    with same_database_connection():
        operations = _operations()
        assert len(operations) >= 14
        for operation in operations:
            _assert_no_server_error(operation, headers)
