"""The address scheme: every public page under /zh-hans/ or /en/; an address without
a prefix (the root, the English addresses printouts cite) redirects to the visitor's
language - the cookie, else Accept-Language, else Chinese - without any cache
keeping one visitor's redirect for another and without losing a posted form."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(db) -> None:
    call_command("loaddata", "content", "rules", verbosity=0)


def address(language: str, name: str, **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize(
    ("accept_language", "language"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-hans"),
        ("zh-TW", "zh-hans"),
        ("en-GB,en;q=0.9", "en"),
        ("fr-FR,en;q=0.5", "en"),
        ("fr-FR", "zh-hans"),
        ("", "zh-hans"),
    ],
)
def test_the_root_redirects_to_the_browsers_language_else_chinese(
    client, guide, accept_language, language
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == address(language, "policies:home")
    page = client.get(response["Location"]).content.decode()
    assert f'<html lang="{language}"' in page


def test_the_language_cookie_wins_over_the_browsers_header(client, guide):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")

    assert response["Location"] == address("en", "policies:home")


def test_the_redirect_varies_on_language_and_cookie_and_is_never_kept_by_a_cache(
    client, guide
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")

    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    cache_control = {v.strip() for v in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control


def test_an_old_english_address_redirects_to_the_same_page_with_its_query(
    client, guide
):
    response = client.get("/policies/DC-2/?x=1", HTTP_ACCEPT_LANGUAGE="en")
    chinese = client.get("/regions/dongcheng", HTTP_ACCEPT_LANGUAGE="zh-CN")

    assert response.status_code == 302
    assert response["Location"] == address("en", "policies:policy", code="DC-2") + (
        "?x=1"
    )
    assert chinese["Location"] == address(
        "zh-hans", "policies:region", slug="dongcheng"
    )


def test_a_form_posted_to_an_old_address_is_posted_again_with_its_answers(
    client, guide
):
    old_address = "/check/location/"

    response = client.post(
        old_address, {"district": "dongcheng"}, HTTP_ACCEPT_LANGUAGE="zh-CN"
    )
    followed = client.post(
        old_address,
        {"district": "dongcheng"},
        HTTP_ACCEPT_LANGUAGE="zh-CN",
        follow=True,
    )

    assert response.status_code == 307
    assert response["Location"] == address(
        "zh-hans", "policies:check_step", step="location"
    )
    assert followed.redirect_chain[0] == (response["Location"], 307)
    stored = client.session["wizard_check"]["step_data"]
    assert stored["location"]["district"] == ["dongcheng"]


def test_the_feeds_old_addresses_stay_english_for_readers_that_send_no_language(
    client, guide
):
    response = client.get("/feeds/policies.atom")

    assert response.status_code == 301
    assert response["Location"] == address("en", "policies:feed")


@pytest.mark.parametrize(
    "path", ["/healthz", "/robots.txt", "/api/policies", "/admin/login/"]
)
def test_the_api_admin_health_check_and_robots_keep_their_addresses(
    client, guide, path
):
    assert client.get(path).status_code == 200


def test_an_address_no_page_has_is_a_404_not_a_redirect(client, guide):
    assert client.get("/no-such-page/").status_code == 404
