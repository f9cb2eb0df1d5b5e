"""When something fails the visitor meets a friendly page in their language, never a
traceback: 404 for a wrong address, 409 for a write that clashed with another, 500
for a bug, 503 while the database is down.
The 500 and 503 pages render with no request and no database at all."""

from unittest import mock

import pytest
from django.db import IntegrityError, OperationalError
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from policies import errors, selectors
from tests.wizard_support import guide, step_url  # noqa: F401 (guide is a fixture)

LANGUAGES = ["en", "zh-hans"]
DATABASE_DOWN = mock.patch(
    "django.db.backends.utils.CursorWrapper.execute",
    side_effect=OperationalError("could not connect to server"),
)
PAGES = [
    ("policies:home", {}),
    ("policies:policy_list", {}),
    ("policies:region", {"slug": "dongcheng"}),
    ("policies:policy", {"code": "DC-1"}),
    ("policies:check_step", {"step": "location"}),
]


def _in(language: str, name: str, **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _assert_friendly(response, status: int, language: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}"' in html
    assert "Traceback" not in html
    assert "OperationalError" not in html
    assert html.count("<h1") == 1
    return html


@pytest.fixture
def lenient_client(client):
    """A client that answers as the server would instead of raising the error."""
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_address_is_a_friendly_404(client, guide, language):  # noqa: F811
    response = client.get(
        _in(language, "policies:policy", code="NO-SUCH"),
        headers={"accept-language": language},
    )
    html = _assert_friendly(response, 404, language)
    assert "site-nav" in html


@pytest.mark.parametrize(
    "template", ["400.html", "403_csrf.html", "409.html", "500.html", "503.html"]
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages_render_without_request_or_database(template, language):
    with DATABASE_DOWN, translation.override(language):
        context = errors._context(RequestFactory().get("/"))
        html = render_to_string(template, context)
        name = str(context["portal_name"])
    assert f'<html lang="{language}"' in html
    assert name in html
    assert "portal@example.gov.cn" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bug_is_a_friendly_500(lenient_client, guide, language, monkeypatch):  # noqa: F811
    monkeypatch.setattr(
        selectors, "region_get", mock.Mock(side_effect=RuntimeError("a bug"))
    )
    response = lenient_client.get(
        _in(language, "policies:region", slug="dongcheng"),
        headers={"accept-language": language},
    )
    html = _assert_friendly(response, 500, language)
    assert "a bug" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_write_refused_as_clashing_is_a_409_not_an_outage(
    lenient_client,
    guide,  # noqa: F811
    language,
    monkeypatch,
):
    monkeypatch.setattr(
        selectors,
        "region_get",
        mock.Mock(side_effect=IntegrityError("duplicate key value")),
    )
    response = lenient_client.get(
        _in(language, "policies:region", slug="dongcheng"),
        headers={"accept-language": language},
    )
    html = _assert_friendly(response, 409, language)
    assert "duplicate key" not in html and "Retry-After" not in response


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_answer_503_while_the_database_is_down(
    lenient_client,
    guide,  # noqa: F811
    name,
    kwargs,
    language,
):
    url = _in(language, name, **kwargs)
    with DATABASE_DOWN:
        response = lenient_client.get(url, headers={"accept-language": language})
    _assert_friendly(response, 503, language)
    assert response["Retry-After"] == "120"


def test_the_api_answers_503_in_json_while_the_database_is_down(lenient_client, guide):  # noqa: F811
    with DATABASE_DOWN:
        response = lenient_client.post(
            "/api/assess", {"district": "dongcheng"}, content_type="application/json"
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert list(response.json()["errors"]) == ["__all__"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_nul_character_in_the_address_is_a_friendly_400(client, guide, language):  # noqa: F811
    path = _in(language, "policies:policy", code="DC-1").replace("DC-1", "DC%00")
    _assert_friendly(client.get(path), 400, language)
    _assert_friendly(client.get(path.replace("DC%00", "") + "?q=%00"), 400, language)


@pytest.mark.parametrize(
    ("language", "explanation"),
    [
        ("en", "when the page has been open for a long time"),
        ("zh-hans", "页面打开时间过长"),
    ],
)
def test_a_form_sent_without_its_security_token_is_a_friendly_403(
    guide,  # noqa: F811
    language,
    explanation,
):
    strict = Client(enforce_csrf_checks=True)
    url = _in(language, "policies:check_step", step="location")

    response = strict.post(url, {"location-district": "dongcheng"})

    html = _assert_friendly(response, 403, language)
    assert explanation in html
    assert f'href="{_in(language, "policies:check")}"' in html
    assert "CSRF verification failed" not in html
    assert "site-nav" in html


def test_a_nul_character_in_an_api_address_is_a_json_400(client, guide):  # noqa: F811
    response = client.get("/api/policies/DC%00-1")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["__all__"]


def test_healthz_says_the_database_is_down(lenient_client, guide):  # noqa: F811
    with DATABASE_DOWN:
        response = lenient_client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}


def _stored_answers(client) -> dict:
    return client.session["wizard_check"]["step_data"]


@pytest.mark.parametrize(
    "failure",
    [
        DATABASE_DOWN,
        mock.patch.object(
            selectors, "rule_set", side_effect=OperationalError("connection lost")
        ),
    ],
    ids=["whole-database", "after-reading-the-session"],
)
def test_a_step_posted_while_the_database_fails_keeps_earlier_answers(
    lenient_client,
    guide,  # noqa: F811
    failure,
):
    assert lenient_client.post(step_url("location"), {"district": "dongcheng"})[
        "Location"
    ] == step_url("enterprise")
    before = _stored_answers(lenient_client)

    with failure:
        response = lenient_client.post(
            step_url("enterprise"), {"years_since_settlement": "2024"}
        )

    _assert_friendly(response, 503, "en")
    assert _stored_answers(lenient_client) == before
    assert before["location"] == {"district": ["dongcheng"]}
    page = lenient_client.get(step_url("enterprise"))
    assert page.status_code == 200
    assert page.context["step"].name == "enterprise"
