"""The comparison page: reached from the results, carried by the same encrypted
share token (nothing stored), printable, in both languages, and a bad or stale
address gets a friendly page, never a server error."""

import re
import time

import pytest
from django.urls import reverse, translate_url

from policies import sharing
from policies.models import Subscription
from policies.rules.profile import parse
from tests.test_compare import DONGCHENG
from tests.test_public_pages import outline
from tests.wizard_support import guide  # noqa: F401

pytestmark = pytest.mark.usefixtures("guide")

PROFILE = parse({**DONGCHENG, "district_key_enterprise": True})


def compare_url(token: str) -> str:
    return reverse("policies:check_compare", kwargs={"token": token})


def cell(html: str, row: str, district: str) -> str:
    match = re.search(rf'data-{row}="{district}">(.*?)</td>', html, re.S)
    assert match, (row, district)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


def test_the_results_page_links_to_the_comparison_with_its_own_share_token(client):
    token = sharing.encode(PROFILE)
    html = client.get(reverse("policies:check_shared", kwargs={"token": token}))
    html = html.content.decode()

    links = re.findall(r'href="([^"]+)" data-compare-link', html)
    assert len(links) == 1
    linked = links[0].split("/")[-2]
    assert sharing.decode(linked) == PROFILE


def test_the_table_has_a_column_per_district_with_codes_amounts_and_estimate(client):
    response = client.get(compare_url(sharing.encode(PROFILE)))

    assert response.status_code == 200
    html = response.content.decode()
    districts = re.findall(r'<th scope="col"[^>]*data-district="([a-z_]*)"', html)
    assert districts == ["dongcheng", "chaoyang", "changping"]
    assert "CNY 1,200,000" in cell(html, "estimate", "dongcheng")
    assert "from DC-5, the most favorable" in cell(html, "estimate", "dongcheng")
    assert "DC-5 CNY 1,200,000" in cell(html, "eligible", "dongcheng")
    assert cell(html, "estimate", "chaoyang") == "no estimate of money"
    assert "you would lose" in cell(html, "differences", "chaoyang")
    assert "data-key-status-note" in html


def test_nothing_is_stored_by_opening_the_comparison(client):
    client.get(compare_url(sharing.encode(PROFILE)))
    assert Subscription.objects.count() == 0
    assert not client.session.keys()


def test_the_page_is_printable_accessible_and_has_nothing_inline(client):
    response = client.get(compare_url(sharing.encode(PROFILE)))
    html = response.content.decode()
    page = outline(html)

    assert ("/static/css/print.css", "print") in page.stylesheets
    assert ("/static/css/compare.css", "all") in page.stylesheets
    assert page.inline_styles == 0
    assert "<style" not in html
    assert all('src="' in tag for tag in re.findall(r"<script[^>]*>", html))
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    assert all(
        b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False)
    )
    assert "<caption" in html and 'scope="row"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_page_prints_its_own_address_to_open_it_again(client, settings):
    token = sharing.encode(PROFILE)
    html = client.get(compare_url(token)).content.decode()
    assert f"{settings.PORTAL_BASE_URL}{compare_url(token)}" in html
    assert "print-only check-share__printed" in html


def test_the_comparison_is_in_chinese_under_the_chinese_address(client):
    url = translate_url(compare_url(sharing.encode(PROFILE)), "zh-hans")
    assert url.startswith("/zh-hans/")

    response = client.get(url)

    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()


@pytest.mark.parametrize("token", ["garbage", "gAAAAA" + "x" * 40, "%00"])
def test_a_changed_address_gets_a_friendly_400_page(client, token):
    response = client.get(compare_url(token))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_a_tampered_token_gets_a_400_page(client):
    token = sharing.encode(PROFILE)
    changed = token[:40] + ("A" if token[40] != "A" else "B") + token[41:]

    response = client.get(compare_url(changed))

    assert response.status_code == 400


def test_a_stale_address_gets_the_expired_page(client):
    old = sharing.encode(PROFILE, now=time.time() - sharing.TTL_SECONDS - 60)
    response = client.get(compare_url(old))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
