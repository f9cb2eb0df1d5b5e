"""The API keeps to its OpenAPI 3.1 description (``/api/openapi.json``): schemathesis
generates requests from it, valid and not, and checks every answer against it."""

import json

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from policies.openapi import profile_schema
from portal.wsgi import application
from tests.seed import DATA

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def guide(db) -> None:
    call_command("loaddata", "content", "rules", verbosity=0)


@pytest.fixture
def open_connection():
    """Keep the test's database connection across the WSGI calls, as Django's own
    test client does: closing it would end the test's transaction (PostgreSQL)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_the_description_is_openapi_3_1_with_the_three_operations(client):
    document = client.get("/api/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    assert {
        (method, path)
        for path, operations in document["paths"].items()
        for method in operations
    } == {
        ("post", "/api/assess"),
        ("get", "/api/policies"),
        ("get", "/api/policies/{code}"),
    }


def test_the_published_profile_schema_has_the_specifications_facts():
    """The API's document is generated from the catalogue; the specification's
    schema (copied into tests/data) is the independent reference it must match."""
    specification = json.loads((DATA / "profile.schema.json").read_text())
    assert set(profile_schema()["properties"]) == set(specification["properties"])


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_description(case, guide, open_connection):
    case.call_and_validate()
