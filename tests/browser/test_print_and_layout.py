"""The pages in a real browser, with JavaScript off as some visitors have it: they fit
a 375 px phone without sideways scrolling, and print to A4 with the print styles."""

import pytest
from django.urls import reverse, reverse_lazy

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        reverse_lazy("policies:policy", kwargs={"code": "CP-3a"}),
        reverse_lazy("policies:policy", kwargs={"code": "BJ-2"}),
        reverse_lazy("policies:region", kwargs={"slug": "chaoyang"}),
        reverse_lazy("policies:region", kwargs={"slug": "haidian"}),
        reverse_lazy("policies:policy_list"),
        reverse_lazy("policies:home"),
        reverse_lazy("policies:policy", kwargs={"code": "no-such-code"}),
    ],
)
def test_page_fits_a_375_px_screen_without_horizontal_scroll(
    page_without_js, guide_server, path
):
    page_without_js.set_viewport_size(PHONE)
    page_without_js.goto(guide_server.url + str(path))

    assert page_without_js.locator("h1").count() == 1
    scroll_width = page_without_js.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"]


def test_policy_page_prints_to_a4_with_url_date_and_no_navigation(
    page_without_js, guide_server
):
    path = reverse("policies:policy", kwargs={"code": "CY-1"})
    page_without_js.goto(guide_server.url + path)

    page_without_js.emulate_media(media="print")
    assert page_without_js.locator(".print-meta").is_visible()
    assert page_without_js.locator(".print-meta").inner_text().count(path)
    assert not page_without_js.locator(".site-nav").is_visible()
    assert not page_without_js.locator(".skip-link").is_visible()
    assert page_without_js.locator(".contact-list a[href^='tel:']").is_visible()

    pdf = page_without_js.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000


def test_print_only_details_stay_hidden_on_screen(page_without_js, guide_server):
    path = reverse("policies:policy", kwargs={"code": "CY-1"})
    page_without_js.goto(guide_server.url + path)

    assert not page_without_js.locator(".print-meta").is_visible()
    assert page_without_js.locator(".site-nav").is_visible()
