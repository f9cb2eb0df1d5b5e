"""axe-core finds no accessibility violation on any public page or any page of the
check, in English and in Chinese, in real Chromium.

Adding a page is one line in ``PAGES``; the check's pages are found by walking it.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page

from tests.browser.test_wizard_browser import answer_page
from tests.test_wizard_views import CHAOYANG, DONGCHENG

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "zh-hans"]

# (URL name, arguments, query string): every kind of public page.
PAGES = [
    ("policies:home", {}, ""),
    ("policies:policy_list", {}, ""),
    ("policies:policy_list", {}, "?q=rent"),
    ("policies:policy_list", {}, "?q=no-such-policy-anywhere"),
    ("policies:region", {"slug": "beijing"}, ""),
    ("policies:region", {"slug": "dongcheng"}, ""),
    ("policies:region", {"slug": "chaoyang"}, ""),
    ("policies:region", {"slug": "changping"}, ""),
    ("policies:region", {"slug": "haidian"}, ""),
    ("policies:policy", {"code": "BJ-1"}, ""),
    ("policies:policy", {"code": "DC-5"}, ""),
    ("policies:policy", {"code": "CY-1"}, ""),
    ("policies:policy", {"code": "CP-3a"}, ""),
    ("policies:policy", {"code": "NO-SUCH-CODE"}, ""),
    ("policies:check", {}, ""),
]
MAX_PAGES = 20

axe = Axe()


def _violations(page: Page) -> list[str]:
    """Each violation as "rule (impact): the first offending element"."""
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:160]}"
        for v in results.response["violations"]
    ]


def _address(server, language: str, name: str, kwargs: dict, query: str) -> str:
    with translation.override(language):
        return server.url + reverse(name, kwargs=kwargs or None) + query


@pytest.fixture
def check_server(live_server, transactional_db):
    """The live server with the guide's content and rules."""
    call_command("loaddata", "content", "rules", verbosity=0)
    return live_server


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "kwargs", "query"),
    PAGES,
    ids=[f"{n.split(':')[1]}-{'-'.join(k.values())}{q}" for n, k, q in PAGES],
)
def test_public_page_has_no_accessibility_violation(
    page, check_server, language, name, kwargs, query
):
    page.goto(_address(check_server, language, name, kwargs, query))
    assert _violations(page) == []


def _walk(page: Page, server, language: str, profile: dict) -> dict[str, list]:
    """Every page of the check up to the results, each axe-checked on arrival."""
    found = {}
    page.goto(
        _address(server, language, "policies:check_step", {"step": "location"}, "")
    )
    for _ in range(MAX_PAGES):
        step = page.locator("form.check-form").get_attribute("data-step")
        found[step] = _violations(page)
        if step == "check":
            break
        answer_page(page, profile)
        page.locator("form.check-form button[type=submit]").click()
    page.locator("form.check-form button[type=submit]").click()
    found["results"] = _violations(page)
    share = page.locator("#share-url").input_value()
    page.goto(share)
    found["shared results"] = _violations(page)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "example", [DONGCHENG, CHAOYANG], ids=["dongcheng", "chaoyang"]
)
def test_every_page_of_the_check_has_no_accessibility_violation(
    page, check_server, language, example
):
    found = _walk(page, check_server, language, example["profile"])
    assert "results" in found and len(found) > 5
    assert {step: v for step, v in found.items() if v} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_with_errors_has_no_accessibility_violation(
    page, check_server, language
):
    page.goto(
        _address(
            check_server, language, "policies:check_step", {"step": "location"}, ""
        )
    )
    page.locator("form.check-form button[type=submit]").click()
    assert page.locator("[data-error-summary]").count() == 1
    assert _violations(page) == []
