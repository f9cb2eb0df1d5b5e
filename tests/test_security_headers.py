"""Every answer carries the production security headers: a page, the API, the health
check and the error pages; cookies are Secure and HttpOnly; ``check --deploy`` is
clean. The requests come in over HTTPS as the proxy in front forwards them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings
from django.urls import reverse, reverse_lazy

from policies import views

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db

PRODUCTION = override_settings(
    SECURE_SSL_REDIRECT=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
    LANGUAGE_COOKIE_SECURE=True,
)

ANSWERS = {
    "page": ("get", reverse_lazy("policies:policy_list"), 200),
    "region page": (
        "get",
        reverse_lazy("policies:region", kwargs={"slug": "dongcheng"}),
        200,
    ),
    "a page not found": (
        "get",
        reverse_lazy("policies:policy", kwargs={"code": "NO-SUCH-CODE"}),
        404,
    ),
    "API read": ("get", "/api/policies", 200),
    "API assess": ("post", "/api/assess", 200),
    "health check": ("get", "/healthz", 200),
}


@pytest.fixture
def fetch_secure(client, seed_content):
    """Fetch a path over HTTPS (as forwarded by the proxy) in production settings."""

    def fetch(method: str, path: str):
        with PRODUCTION:
            if method == "post":
                return client.post(
                    path, "{}", content_type="application/json", secure=True
                )
            return client.get(path, secure=True)

    return fetch


@pytest.fixture
def seed_content(db) -> None:
    call_command("load_seed", verbosity=0)


def _csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("what", ANSWERS)
def test_answer_carries_every_security_header(fetch_secure, what):
    method, path, status = ANSWERS[what]
    response = fetch_secure(method, path)

    assert response.status_code == status
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = _csp_directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.parametrize("what", ANSWERS)
def test_csp_never_allows_inline_code_or_eval(fetch_secure, what):
    method, path, _ = ANSWERS[what]
    header = fetch_secure(method, path)["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert "*" not in header


def test_plain_http_is_redirected_to_https_except_the_health_check(
    client, seed_content, settings
):
    path = reverse("policies:policy_list")
    with PRODUCTION:
        page = client.get(path)
        health = client.get(reverse("healthz"))
    assert page.status_code == 301
    assert page["Location"] == settings.PORTAL_BASE_URL + path
    assert health.status_code == 200


def test_session_and_csrf_cookies_are_secure_and_http_only(client, seed_content):
    with PRODUCTION:
        location = reverse("policies:check_step", kwargs={"step": "location"})
        response = client.get(location, secure=True)
        client.post(location, {"district": "dongcheng"}, secure=True)
    assert response.status_code == 200
    cookies = client.cookies
    for name in ("csrftoken", "sessionid"):
        assert cookies[name]["secure"] is True, name
        assert cookies[name]["httponly"] is True, name
        assert cookies[name]["samesite"] == "Lax", name


def test_a_server_error_page_carries_the_headers_too(client, seed_content, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.selectors, "policy_index", broken)
    client.raise_request_exception = False
    with PRODUCTION:
        response = client.get(reverse("policies:policy_list"), secure=True)
    assert response.status_code == 500
    assert response["X-Frame-Options"] == "DENY"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "Strict-Transport-Security" in response


def test_production_settings_pass_check_deploy_without_a_warning():
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE belongs to the test run, not to a
    # deployment, so it is left out like the developer's own settings.
    test_only = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "PORTAL_BASE_URL"}
    environment = {
        **{k: v for k, v in os.environ.items() if k not in test_only},
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-like-secret-" + "k" * 40,
        "PORTAL_BASE_URL": "https://ai-policy.example.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("path", ["css/site.css", "img/favicon.svg"])
def test_static_files_carry_the_csp_and_frame_headers_too(client, path):
    with PRODUCTION:
        response = client.get(static(path), secure=True)

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    csp = _csp_directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
