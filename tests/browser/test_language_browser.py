"""The language a visitor lands on, in real Chromium: a Chinese browser opening the
root gets the Chinese portal, an English one the English portal, and the switcher
keeps the visitor on the same page in the other language and is remembered over
the browser's own setting."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_in(browser):
    """A page in a browser whose language is ``locale`` (as its Accept-Language)."""
    contexts = []

    def open_page(locale: str):
        context = browser.new_context(locale=locale)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def address(language: str, name: str, **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize(
    ("locale", "language", "home_link"),
    [("zh-CN", "zh-hans", "首页"), ("en-GB", "en", "Home")],
)
def test_the_root_opens_in_the_browsers_language(
    browser_in, guide_server, locale, language, home_link
):
    page = browser_in(locale)

    page.goto(guide_server.url + "/")

    assert page.url == guide_server.url + address(language, "policies:home")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("link", name=home_link, exact=True)).to_be_visible()


def test_the_switcher_keeps_the_page_and_is_remembered_over_the_browser(
    browser_in, guide_server
):
    page = browser_in("zh-CN")
    page.goto(guide_server.url + "/policies/DC-2/")
    assert page.url == guide_server.url + address(
        "zh-hans", "policies:policy", code="DC-2"
    )

    page.get_by_role("button", name="English").click()

    assert page.url == guide_server.url + address("en", "policies:policy", code="DC-2")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(guide_server.url + "/")
    assert page.url == guide_server.url + address("en", "policies:home")
