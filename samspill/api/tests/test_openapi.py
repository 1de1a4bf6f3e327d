"""The OpenAPI description validates, and a schemathesis run against the API (through
its WSGI application, with a key) finds no server errors. Bounded to a few examples per
operation so that it finishes in well under two minutes."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate

from samspill.api.services import api_token_create
from samspill.seminars.tests.builders import make_board, write

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 8


def test_openapi_description_validates(client, personas):
    client.force_login(personas.leader)
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json") or response[
        "Content-Type"
    ].startswith("application/json")
    description = response.json()
    validate(description)
    assert "/api/v1/points/" in description["paths"]
    assert "post" in description["paths"]["/api/v1/statistics/imports/"]


def test_schemathesis_finds_no_server_errors(personas, settings_override):
    board = make_board()
    write(board.participants[0], "Mer samarbeid med SFO.")
    _token, key = api_token_create(user=personas.admin, name="Schemathesis")
    headers = {"Authorization": f"Bearer {key}"}
    schema = schemathesis.openapi.from_wsgi(
        "/api/openapi.json", get_wsgi_application(), headers=headers
    )
    failures, statuses = [], set()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            response = case.call(headers=headers)
            statuses.add(response.status_code)
            if response.status_code >= 500:
                failures.append((case.operation.label, case.path_parameters, response.status_code))

        call()
    assert not failures, failures
    assert 200 in statuses  # the run did reach the data, not only the error paths


@pytest.fixture
def settings_override(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_THROTTLE_RATES = {"user": "100000/hour", "write": "100000/hour"}
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    # As Django's test client does: the WSGI requests run inside the test's transaction,
    # so the end of a request must not close the database connection (PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
