"""Rate limits per client address (behind the trusted proxies) on the API, the
search and the alert sign-up: 429 with Retry-After and a JSON or page body in the
visitor's language; other clients are served as usual.

The suite's own traffic runs under limits far above anything it sends; these
tests lower them, and pin the limiter's clock so a window never ends mid-test.
"""

from unittest import mock

import pytest
from django.urls import reverse
from django.utils import translation

from policies import sharing
from tests.test_alerts import PROFILE
from tests.wizard_support import guide  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("guide")

# The middle of a minute, an hour and a day, whatever the client's window offset.
PINNED_TIME = 1_800_000_000.0
PROFILE_BODY = '{"district": "dongcheng"}'


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {"api": "3/m", "search": "2/m", "subscribe": "2/h"}
    with mock.patch("django_ratelimit.core.time") as clock:
        clock.time.return_value = PINNED_TIME
        yield


def _assess(client, address: str = "203.0.113.7", **extra):
    return client.post(
        reverse("api:assess"),
        PROFILE_BODY,
        content_type="application/json",
        REMOTE_ADDR=address,
        **extra,
    )


def test_the_api_answers_429_in_json_once_a_client_is_over_its_limit(client, limits):
    answers = [_assess(client) for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused["Content-Type"] == "application/json"
    assert refused.json()["errors"]["__all__"][0].startswith("Too many requests")
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "no-store" in refused["Cache-Control"]


def test_another_client_is_served_while_one_is_refused(client, limits):
    for _ in range(4):
        _assess(client, "203.0.113.7")

    assert _assess(client, "203.0.113.8").status_code == 200
    assert (
        client.get(reverse("api:policy_list"), REMOTE_ADDR="203.0.113.8").status_code
        == 200
    )
    assert (
        client.get(reverse("api:policy_list"), REMOTE_ADDR="203.0.113.7").status_code
        == 429
    )


def test_behind_a_proxy_clients_are_told_apart_by_x_forwarded_for(
    client, limits, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"

    for _ in range(3):
        _assess(client, proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")
    refused = _assess(client, proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")
    other = _assess(client, proxy, HTTP_X_FORWARDED_FOR="198.51.100.2")
    forged = _assess(client, proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")

    assert refused.status_code == 429
    assert other.status_code == 200
    assert forged.status_code == 429  # the client cannot choose its own address


def test_search_is_limited_but_the_plain_list_is_not(client, limits):
    path = reverse("policies:policy_list")
    searches = [client.get(f"{path}?q=rent{n}").status_code for n in range(3)]

    assert searches == [200, 200, 429]
    assert client.get(path).status_code == 200


def test_the_page_says_so_in_the_visitors_language_with_retry_after(client, limits):
    with translation.override("zh-hans"):
        path = reverse("policies:policy_list")
    for n in range(2):
        client.get(f"{path}?q=rent{n}")

    refused = client.get(f"{path}?q=rent")

    assert refused.status_code == 429
    html = refused.content.decode()
    assert '<html lang="zh-hans"' in html
    assert "请求过于频繁" in html
    assert int(refused["Retry-After"]) >= 1
    assert "no-store" in refused["Cache-Control"]


def test_subscribing_is_limited_per_client_and_the_form_is_not(client, limits):
    url = reverse(
        "policies:alerts_subscribe", kwargs={"token": sharing.encode(PROFILE)}
    )
    posts = [
        client.post(url, {"email": f"owner{n}@example.com"}).status_code
        for n in range(3)
    ]

    assert posts == [302, 302, 429]
    assert client.get(url).status_code == 200


def test_a_broken_limit_store_lets_requests_through(client, limits):
    redis_down = mock.MagicMock()
    redis_down.__getitem__.return_value.add.side_effect = ConnectionError("down")
    with mock.patch("django_ratelimit.core.caches", redis_down):
        answers = [_assess(client).status_code for _ in range(5)]

    assert answers == [200] * 5
