"""A request for a host the portal does not serve gets a plain 400 with every
security header, in one log line: never a 500, never a traceback."""

import logging

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.wizard_support import guide  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("guide")

PRODUCTION = override_settings(SECURE_SSL_REDIRECT=True)
EVIL = "evil.example.com"


@pytest.fixture
def lenient_client(client):
    """Answers as the server would, instead of raising the error in the test."""
    client.raise_request_exception = False
    return client


def _logged(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_disallowed_host_is_a_plain_400_with_the_security_headers(
    lenient_client, caplog
):
    with PRODUCTION:
        response = lenient_client.get(
            reverse("policies:home"), headers={"host": EVIL}, secure=True
        )

    assert response.status_code == 400
    html = response.content.decode()
    assert "This site does not answer to that address" in html
    assert EVIL not in html
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=")
    (record,) = _logged(caplog)
    assert record.exc_info is None
    assert EVIL in record.getMessage()


def test_plain_http_for_a_disallowed_host_goes_to_the_portals_own_https_address(
    lenient_client, caplog, settings
):
    path = reverse("policies:policy_list")
    with PRODUCTION:
        response = lenient_client.get(path, headers={"host": EVIL})

    assert response.status_code == 301
    assert response["Location"] == settings.PORTAL_BASE_URL + path
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not _logged(caplog)


def test_a_disallowed_host_with_a_line_break_is_logged_on_one_line(
    lenient_client, caplog
):
    lenient_client.get(
        reverse("policies:home"), headers={"host": "evil.example.com\nforged: line"}
    )

    (record,) = _logged(caplog)
    assert "\n" not in record.getMessage()


def test_the_api_answers_a_disallowed_host_in_json(lenient_client, caplog):
    response = lenient_client.get(
        reverse("api:policy_list"), headers={"host": EVIL}, secure=True
    )

    assert response.status_code == 400
    assert response.json()["errors"]["__all__"]
    assert len(_logged(caplog)) == 1


def test_an_allowed_host_is_served_as_before(lenient_client):
    response = lenient_client.get(
        reverse("policies:home"), headers={"host": "localhost"}
    )

    assert response.status_code == 200
