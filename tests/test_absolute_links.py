"""Every address the portal gives out is on PORTAL_BASE_URL, whatever Host the
request named: share and comparison links, alert emails, the Atom feed, the
calendar, the API's url fields, QR codes, canonical and printed links. In
production, ``check --deploy`` refuses a missing or plain-HTTP PORTAL_BASE_URL."""

import datetime
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from policies import sharing
from tests.factories import PolicyFactory
from tests.mail_queue import deliver_mail
from tests.test_alerts import PROFILE, confirm_link
from tests.wizard_support import guide  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://ai-policy.example.gov.cn"
# An allowed host that is not the portal's public one: what a forged or internal
# Host header looks like.
OTHER = "localhost"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def portal(settings, guide):  # noqa: F811
    settings.PORTAL_BASE_URL = BASE


def _get(client, path: str):
    response = client.get(path, headers={"host": OTHER})
    assert response.status_code == 200, path
    return response


def _addresses(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text)


def _only_on_the_base(addresses: list[str]) -> None:
    ours = [a for a in addresses if OTHER in a or "testserver" in a]
    assert not ours, ours


def test_the_results_share_link_and_the_comparison_link_are_on_the_base(client, portal):
    token = sharing.encode(PROFILE)
    results = _get(client, reverse("policies:check_shared", kwargs={"token": token}))
    compare = _get(client, reverse("policies:check_compare", kwargs={"token": token}))

    share = re.search(r'id="share-url"[^>]*value="([^"]+)"', results.content.decode())
    shared_path = reverse("policies:check_shared", kwargs={"token": "-"})[:-2]
    assert share.group(1).startswith(BASE + shared_path)
    assert f"{BASE}{reverse('policies:check_compare', kwargs={'token': token})}" in (
        compare.content.decode()
    )
    _only_on_the_base(_addresses(results.content.decode()))
    _only_on_the_base(_addresses(compare.content.decode()))


def test_pages_give_their_canonical_and_printed_address_on_the_base(client, portal):
    path = reverse("policies:policy", kwargs={"code": "DC-2"})
    html = _get(client, path).content.decode()

    assert f'<link rel="canonical" href="{BASE}{path}">' in html
    assert f'<span class="print-meta__url">{BASE}{path}</span>' in html
    _only_on_the_base(_addresses(html))


def test_the_atom_feed_links_are_on_the_base(client, portal):
    root = ET.fromstring(_get(client, reverse("policies:feed")).content)

    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    ids = [element.text for element in root.iter(f"{ATOM}id")]
    assert links and all(link.startswith(BASE + "/") for link in links)
    assert all(identifier.startswith(BASE + "/") for identifier in ids)


def test_the_calendar_links_are_on_the_base(client, portal):
    PolicyFactory(code="CP-9", application_opens=datetime.date(2026, 3, 1))
    text = _get(client, reverse("policies:windows_calendar")).content.decode()

    unfolded = text.replace("\r\n ", "")
    urls = re.findall(r"^URL[^:]*:(.*)$", unfolded, flags=re.MULTILINE)
    assert urls and all(url.strip().startswith(BASE + "/") for url in urls)


def test_the_apis_url_fields_are_on_the_base(client, portal):
    listing = _get(client, reverse("api:policy_list")).json()["policies"]
    one = _get(client, reverse("api:policy_detail", kwargs={"code": "DC-2"})).json()

    assert all(
        item["url"] == BASE + reverse("policies:policy", kwargs={"code": item["code"]})
        for item in listing
    )
    assert one["url"] == BASE + reverse("policies:policy", kwargs={"code": "DC-2"})


def test_the_confirmation_email_links_are_on_the_base(client, portal):
    url = reverse(
        "policies:alerts_subscribe", kwargs={"token": sharing.encode(PROFILE)}
    )
    client.post(url, {"email": "owner@example.com"}, headers={"host": OTHER})
    deliver_mail()

    (message,) = mail.outbox
    confirm_path = reverse("policies:alerts_confirm", kwargs={"token": "-"})[:-2]
    assert confirm_link(message).startswith(BASE + confirm_path)
    _only_on_the_base(_addresses(message.body))


def _check_deploy(**environment: str) -> subprocess.CompletedProcess:
    test_only = {"DEBUG", "SECRET_KEY", "PORTAL_BASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **{k: v for k, v in os.environ.items() if k not in test_only},
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-like-secret-" + "k" * 40,
        **environment,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "environment, message",
    [
        ({}, "PORTAL_BASE_URL is not set"),
        ({"PORTAL_BASE_URL": "http://ai-policy.example.gov.cn"}, "https://"),
        ({"PORTAL_BASE_URL": "https://ai-policy.example.gov.cn/portal"}, "no path,"),
    ],
    ids=["missing", "plain http", "with a path"],
)
def test_check_deploy_refuses_a_base_url_links_cannot_be_built_on(environment, message):
    result = _check_deploy(**environment)

    assert result.returncode != 0
    assert message in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
