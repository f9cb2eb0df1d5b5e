"""HTTP caching for a CDN or reverse proxy: a public page says so with a short
max-age and an ETag (content token, language, day and address), answers 304 to
If-None-Match for one query, and never mixes languages or sessions; everything
else (the check, its results, alerts, the admin, redirects) is private and
stored nowhere."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from policies import sharing
from policies.models import Policy
from tests.test_alerts import PROFILE

pytestmark = pytest.mark.django_db

PUBLIC = [
    ("policies:home", {}),
    ("policies:region", {"slug": "dongcheng"}),
    ("policies:policy_list", {}),
    ("policies:policy", {"code": "DC-2"}),
    ("policies:feed", {}),
    ("policies:windows_calendar", {}),
]


@pytest.fixture
def seed(db) -> None:
    call_command("load_seed", verbosity=0)


def _private(response) -> bool:
    control = response["Cache-Control"]
    return "private" in control and "no-store" in control and "public" not in control


@pytest.mark.parametrize("name, kwargs", PUBLIC)
def test_a_public_page_is_public_for_a_short_while_with_an_etag(
    client, seed, settings, name, kwargs
):
    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    control = response["Cache-Control"]
    assert "public" in control and f"max-age={settings.PUBLIC_PAGE_MAX_AGE}" in control
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


@pytest.mark.parametrize("name, kwargs", PUBLIC)
def test_if_none_match_is_answered_304_for_one_query(client, seed, name, kwargs):
    path = reverse(name, kwargs=kwargs)
    etag = client.get(path)["ETag"]

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in response["Cache-Control"]
    assert len(queries) == 1  # the content token


def test_the_etag_changes_with_language_address_and_content(client, seed):
    english = reverse("policies:region", kwargs={"slug": "dongcheng"})
    with translation.override("zh-hans"):
        chinese = reverse("policies:region", kwargs={"slug": "dongcheng"})
    other = reverse("policies:region", kwargs={"slug": "chaoyang"})
    tags = {path: client.get(path)["ETag"] for path in (english, chinese, other)}

    assert len(set(tags.values())) == 3
    assert client.get(english + "?utm_source=x")["ETag"] == tags[english]

    policy = Policy.objects.get(code="DC-1")
    policy.title = "A title changed by staff"
    policy.save()
    fresh = client.get(english, headers={"if-none-match": tags[english]})
    assert fresh.status_code == 200
    assert fresh["ETag"] != tags[english]


def test_the_check_and_its_answers_are_private_and_never_stored(client, seed):
    token = sharing.encode(PROFILE)
    pages = [
        client.get(reverse("policies:check")),
        client.get(reverse("policies:check_step", kwargs={"step": "location"})),
        client.get(reverse("policies:check_shared", kwargs={"token": token})),
        client.get(reverse("policies:check_compare", kwargs={"token": token})),
        client.get(reverse("policies:alerts_subscribe", kwargs={"token": token})),
        client.post(
            reverse("policies:alerts_subscribe", kwargs={"token": token}),
            {"email": "owner@example.com"},
        ),
    ]

    for response in pages:
        assert _private(response), (response.status_code, response["Cache-Control"])
        assert "ETag" not in response


def test_the_admin_is_private_and_never_stored(client, seed):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(user)

    for path in (reverse("admin:login"), reverse("admin:index")):
        assert _private(client.get(path)), path


def test_a_page_that_read_the_session_is_never_public(client, seed):
    client.get(reverse("policies:check_step", kwargs={"step": "location"}))
    client.post(
        reverse("policies:check_step", kwargs={"step": "location"}),
        {"district": "dongcheng"},
    )

    response = client.get(reverse("policies:check_step", kwargs={"step": "location"}))

    assert _private(response)


def test_errors_and_redirects_are_private(client, seed):
    missing = client.get(reverse("policies:policy", kwargs={"code": "NO-SUCH"}))
    redirect = client.post(
        reverse("set_language"),
        {"language": "zh-hans", "next": reverse("policies:home")},
    )

    assert missing.status_code == 404 and _private(missing)
    assert redirect.status_code in (301, 302) and _private(redirect)
