"""The public pages are served from the cache until the content changes: a repeat
costs one query (the content token), a publish shows on the next request, and the
printed date, the language and the address each get their own copy."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from policies import caching, selectors
from policies.models import Policy

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("policies:home"),
    reverse("policies:policy_list"),
    reverse("policies:region", kwargs={"slug": "dongcheng"}),
    reverse("policies:policy", kwargs={"code": "DC-1"}),
]


@pytest.fixture
def seed(db) -> None:
    call_command("load_seed", verbosity=0)


def _get(client, path: str, **headers: str) -> tuple[int, str]:
    """The number of queries a request costs, and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_a_repeat_is_served_from_the_cache_for_one_query(client, seed, path):
    first, page = _get(client, path)
    second, again = _get(client, path)
    assert first > 1
    assert second == 1
    assert again == page


@pytest.mark.parametrize("path", PAGES)
def test_a_publish_shows_on_the_next_request(client, seed, path):
    _get(client, path)
    policy = Policy.objects.get(code="DC-1")
    policy.title = "A title changed by staff"
    policy.save()

    queries, page = _get(client, path)
    assert queries > 1
    assert "A title changed by staff" in page


def test_each_language_has_its_own_copy(client, seed):
    english = _get(client, reverse("policies:home"))[1]
    with translation.override("zh-hans"):
        chinese = reverse("policies:home")
    queries, page = _get(client, chinese)
    assert queries > 1
    assert '<html lang="zh-hans"' in page
    assert '<html lang="en"' in english
    assert _key_in("en", "/") != _key_in("zh-hans", "/")


def _key_in(language: str, path: str) -> str:
    with translation.override(language):
        return caching.page_key(RequestFactory().get(path))


def test_each_query_string_has_its_own_copy(client, seed):
    path = reverse("policies:policy_list")
    _get(client, path + "?q=rent")
    assert _get(client, path + "?q=talent")[0] > 1
    assert _get(client, path + "?q=rent")[0] == 1


def test_the_printed_date_is_rendered_again_the_next_day(client, seed):
    path = reverse("policies:policy", kwargs={"code": "DC-1"})
    today = datetime.date(2026, 3, 1)
    with mock.patch.object(caching, "beijing_today", return_value=today):
        _get(client, path)
        assert _get(client, path)[0] == 1
    tomorrow = today + datetime.timedelta(days=1)
    with mock.patch.object(caching, "beijing_today", return_value=tomorrow):
        assert _get(client, path)[0] > 1


def test_a_page_is_not_cached_when_rendering_it_used_a_csrf_token(rf, seed):
    def view_with_a_form(request):
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        return caching.HttpResponse("<form>token</form>")

    cached_view = caching.cache_public_page(view_with_a_form)
    request = rf.get("/a-form/")
    cached_view(request)
    assert cache.get(caching.page_key(rf.get("/a-form/"))) is None


def test_a_broken_cache_only_costs_the_rendering(client, seed):
    broken = mock.Mock(side_effect=ConnectionError("redis is restarting"))
    with (
        mock.patch.object(caching.cache, "get", broken),
        mock.patch.object(caching.cache, "set", broken),
    ):
        response = client.get(reverse("policies:home"))
    assert response.status_code == 200


def test_the_results_pages_policies_are_read_once_per_content_version(seed):
    first = selectors.assessable_policies_by_code()
    with CaptureQueriesContext(connection) as queries:
        again = selectors.assessable_policies_by_code()
    assert again is first
    assert len(queries) == 1  # the content token

    policy = Policy.objects.get(code="DC-1")
    policy.title = "A title changed by staff"
    policy.save()
    assert selectors.assessable_policies_by_code()["DC-1"].title == policy.title


def test_parameters_a_page_does_not_take_share_its_cached_copy(client, seed):
    path = reverse("policies:region", kwargs={"slug": "dongcheng"})
    _get(client, path)

    for noise in ("?r=1", "?r=2&utm_source=x", "?"):
        queries, page = _get(client, path + noise)
        assert queries == 1, noise
        assert "r=1" not in page and "utm_source" not in page


def test_the_policy_list_is_keyed_on_its_validated_filters_only(client, seed):
    path = reverse("policies:policy_list")
    _get(client, path + "?q=rent&region=dongcheng")

    for same in (
        "?region=dongcheng&q=rent",
        "?q=rent&region=dongcheng&r=12345",
        "?q=%20rent%20&region=dongcheng&benefit_type=",
    ):
        assert _get(client, path + same)[0] <= 2, same  # the token and the region
    assert _get(client, path + "?q=talent&region=dongcheng")[0] > 2


def test_a_search_that_does_not_validate_is_never_stored(client, seed):
    path = reverse("policies:policy_list") + "?region=nowhere"
    client.get(path)

    assert not [key for key in cache._cache if "page:" in key]  # noqa: SLF001


def test_the_printed_address_carries_only_what_the_page_is_keyed_on(
    client, seed, settings
):
    path = reverse("policies:policy_list")

    page = _get(client, path + "?r=1&q=rent")[1]

    assert f"{settings.PORTAL_BASE_URL}{path}?q=rent</span>" in page
