"""No admin form can make the public site answer 500: a draft given the worst values
the admin accepts (the longest code, text full of markup, quotes, placeholders and
right-to-left marks, the extreme amounts and dates) is published through the admin,
and every public page reachable from the home page, the check and the API answers."""

import json
import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from policies import sharing
from policies.models import Policy
from policies.rules.profile import parse
from tests.admin_support import (
    change_url,
    create_draft,
    inline_prefix,
    rendered_form,
    seeded_staff_client,
)
from tests.admin_support import save as save_form
from tests.seed import DATA

pytestmark = pytest.mark.django_db
CODE = "ZZ-99999999z"  # twelve characters, the longest the pattern allows
ODD = (
    "<script>alert('x')</script> \"quoted\" & {{ template }} {% tag %} %s %(name)s "
    "\u202eright-to-left\u202c 🚀 "
)
LARGEST_AMOUNT = "99999999999999"  # fourteen digits: the most a route may hold
EXTREMES = {
    "code": CODE,
    "title_en": (ODD + "W" * 300)[:300],
    "title_zh_hans": ("最" + ODD + "长" * 300)[:300],
    "headline_benefit_en": (ODD + "9" * 120)[:120],
    "headline_benefit_zh_hans": ("最多" + ODD)[:120],
    "summary_en": ODD + "\r\n\r\n" + "Unbroken" * 2_000,
    "full_text_en": "\r\n".join([ODD] * 200),
    "reading_note_en": ODD,
    "valid_from": "0001-01-01",
    "valid_until": "9999-12-31",
    "application_opens": "0001-01-01",
    "application_closes": "9999-12-31",
    "last_reviewed": "0001-01-01",
}
CRAWL_LIMIT = 600
PER_SHAPE = 4


@pytest.fixture
def publisher(client):
    return seeded_staff_client(client, "Publisher")


def publish_worst_values(client) -> Policy:
    """DC-1 redrafted with ``EXTREMES`` and the extreme amounts, then published,
    all through the admin (the publisher accepting every worked case it changes)."""
    draft = create_draft(client, "DC-1")
    data = rendered_form(client, draft)
    data.update({name: [value] for name, value in EXTREMES.items()})
    routes = inline_prefix(data, "routes")
    data[f"{routes}-0-amount"] = [LARGEST_AMOUNT]
    data[f"{routes}-0-name_en"] = [ODD]
    data[f"{routes}-1-amount_min"] = ["0"]
    data[f"{routes}-1-amount_max"] = [LARGEST_AMOUNT]
    data[f"{routes}-2-amount"] = ["1"]
    save_form(client, draft, data)
    url = reverse("admin:policies_policy_version", args=[draft.pk, "publish"])
    changed_cases = re.findall(
        r'name="accept_case" value="(\d+)"', client.get(url).content.decode()
    )
    client.post(url, {"accept_case": changed_cases})
    return Policy.objects.published().get(code=CODE)


def links(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action)="(/[^"]*)"', html)


def shape(url: str) -> str:
    """An address with its tokens (shared answers, alerts) and query left out:
    pages of one shape differ only in the answers they carry."""
    return re.sub(r"/[^/]{40,}/", "/<token>/", urlsplit(url).path)


def crawl(client, start: list[str]) -> dict[str, int]:
    """Status by address for every page of the site reachable from ``start``, a
    few of each shape."""
    seen: dict[str, int] = {}
    shapes: Counter[str] = Counter()
    queue = deque(start)
    while queue and len(seen) < CRAWL_LIMIT:
        url = urldefrag(queue.popleft()).url.replace("&amp;", "&")
        skipped = urlsplit(url).path.startswith(("/admin/", "/static/"))
        if url in seen or skipped or shapes[shape(url)] >= PER_SHAPE:
            continue
        shapes[shape(url)] += 1
        response = client.get(url)
        seen[url] = response.status_code
        if response.get("Content-Type", "").startswith("text/html"):
            queue.extend(links(response.content.decode()))
        elif response.status_code in (301, 302):
            queue.append(response.url)
    return seen


def test_the_worst_allowed_values_published_break_no_public_page(publisher, client):
    policy = publish_worst_values(publisher)
    visitor = type(client)(raise_request_exception=False)
    profile = json.loads((DATA / "examples.json").read_text())[0]["profile"]
    token = sharing.encode(parse(profile))
    start = [reverse("api:policy_list"), reverse("api:policy_detail", args=[CODE])]
    for language in ("en", "zh-hans"):
        with translation.override(language):
            start += [
                reverse("policies:home"),
                reverse("policies:policy", args=[CODE]),
                reverse("policies:check_shared", kwargs={"token": token}),
            ]

    statuses = crawl(visitor, start)

    assert policy.routes.filter(amount=LARGEST_AMOUNT).exists()
    assert statuses[reverse("policies:policy", args=[CODE])] == 200
    assert statuses[reverse("api:policy_detail", args=[CODE])] == 200
    failures = {url: status for url, status in statuses.items() if status >= 500}
    assert failures == {}, failures
    assert len(statuses) > 50
    assert publisher.get(change_url(policy)).status_code == 200
