"""The policy list's filters in a real browser with JavaScript off: on a 375 px
phone they fold behind one button so the results come first, and they still work;
on a wide screen they show without a click."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def chinese_list(browser, guide_server):
    """A Chinese visitor's browser, JavaScript off, and the Chinese policy list."""
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    with translation.override("zh-hans"):
        address = guide_server.url + reverse("policies:policy_list")
    yield page, address
    context.close()


def test_on_a_phone_the_filters_fold_behind_one_button_and_results_come_first(
    chinese_list,
):
    page, address = chinese_list
    page.set_viewport_size(PHONE)
    page.goto(address)

    region = page.get_by_label("区域")
    expect(region).to_be_hidden()
    first_policy = page.locator(".policy-summary").first
    assert first_policy.bounding_box()["y"] < PHONE["height"]

    page.get_by_text("筛选和排序").click()
    region.select_option(label="东城区")
    page.get_by_role("button", name="应用筛选").click()

    expect(page.get_by_role("heading", name="找到 6 项政策")).to_be_visible()
    expect(page.get_by_text("筛选和排序（已选1项）")).to_be_visible()
    codes = page.locator(".policy-summary .policy-code").all_inner_texts()
    assert codes and all(code.startswith("DC-") for code in codes)


def test_on_a_wide_screen_the_filters_show_without_a_click(chinese_list):
    page, address = chinese_list
    page.set_viewport_size(DESKTOP)
    page.goto(address)

    expect(page.get_by_label("区域")).to_be_visible()
    expect(page.get_by_text("筛选和排序")).to_be_hidden()
    options = page.get_by_label("区域").locator("option").all_inner_texts()
    assert "海淀区" not in options  # the guide gives Haidian no policy
