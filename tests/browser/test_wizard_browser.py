"""The eligibility check in real Chromium: three enterprises end to end (one with
JavaScript off), an error and its recovery, a Change round trip, the share link in a
fresh browser, and the printed results."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from policies.check_fields import this_year
from policies.qr import qr_data_uri
from tests.test_wizard_views import CHANGPING, CHAOYANG, DONGCHENG
from tests.wizard_support import answer, gate_answer, step_url

pytestmark = pytest.mark.browser

FIELDS = """form => [...new Set([...form.querySelectorAll('[name]')]
  .filter(e => e.name !== 'csrfmiddlewaretoken')
  .map(e => e.name + ' ' + (e.type || e.tagName.toLowerCase())))]"""


@pytest.fixture
def check_server(live_server, transactional_db):
    """The live server with the guide's content and rules."""
    call_command("loaddata", "content", "rules", verbosity=0)
    return live_server


def typed(name: str, value: object, chinese: bool) -> str:
    """A figure as a person types it: in 万元 on a Chinese page, else with thousands
    separators; a year for a count of years since an event."""
    text = answer(name, value, "zh-hans" if chinese else "en")
    plain = isinstance(value, int) and not isinstance(value, bool)
    if plain and not chinese and text == str(value) and value >= 10_000:
        return f"{value:,}"
    return text


def answer_page(page: Page, profile: dict) -> None:
    """Answer the questions the page shows (a follow-up the page hid is skipped)."""
    chinese = page.locator("html").get_attribute("lang").startswith("zh")
    form = page.locator("form.check-form")
    for entry in form.evaluate(FIELDS):
        name, kind = entry.split(" ")
        field = f"[name='{name}']"
        if kind == "hidden" or not page.locator(field).first.is_visible():
            continue
        if name.startswith("gate_"):
            gate = gate_answer(name.removeprefix("gate_"), profile)
            page.check(f"{field}[value='{gate}']")
        elif kind == "radio":
            choice = answer(name, profile[name]) if name in profile else "unknown"
            page.check(f"{field}[value='{choice}']")
        elif kind == "checkbox":
            for value in profile.get(name, []):
                page.check(f"{field}[value='{value}']")
        elif kind.startswith("select"):
            page.select_option(field, profile[name])
        elif name in profile:
            page.fill(field, typed(name, profile[name], chinese))


def check(page: Page, server, profile: dict) -> int:
    """Answer the check from the start page; return how many pages asked questions."""
    page.goto(server.url + reverse("policies:check"))
    page.get_by_role("button", name="Start now").click()
    pages = 0
    while "/check/check/" not in page.url:
        answer_page(page, profile)
        page.get_by_role("button", name="Continue").click()
        pages += 1
    page.get_by_role("button", name="See your results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")
    return pages


def outcome(page: Page, code: str):
    return page.locator(f"[data-policy-code='{code}']")


def expect_example(page: Page, example: dict) -> None:
    for code, amount in example["eligible"].items():
        expect(outcome(page, code)).to_have_attribute("data-status", "eligible")
        if amount and amount[0] == amount[1]:
            expect(outcome(page, code)).to_contain_text(f"CNY {amount[1]:,}")
    for code in example["needs_info"]:
        expect(outcome(page, code)).to_have_attribute("data-status", "needs_info")
    for code in example["not_eligible"]:
        expect(outcome(page, code)).to_have_attribute("data-status", "not_eligible")


@pytest.mark.parametrize(
    ("example", "pages"),
    [(DONGCHENG, 6), (CHAOYANG, 6), (CHANGPING, 6)],
    ids=["dongcheng", "chaoyang", "changping"],
)
def test_an_enterprise_gets_its_results_end_to_end(page, check_server, example, pages):
    assert check(page, check_server, example["profile"]) == pages
    expect_example(page, example)


def test_the_check_works_with_javascript_off(browser, check_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    check(page, check_server, CHAOYANG["profile"])
    expect_example(page, CHAOYANG)
    expect(page.locator("[data-print]")).to_be_hidden()
    context.close()


def test_an_error_is_summarised_linked_and_recovered(page, check_server):
    page.goto(check_server.url + step_url("location"))
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(
        "Select the district where the enterprise is registered"
    )
    expect(summary).to_be_focused()
    summary.get_by_role("link").click()
    expect(page.locator("#id_district")).to_be_focused()
    page.select_option("#id_district", "haidian")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#id_years_in_business")).to_be_hidden()  # a follow-up
    page.check("[name='enterprise_type'][value='production']")
    page.fill("#id_years_in_business", "-2")
    page.check("[name='advanced_manufacturing'][value='unknown']")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Years in business cannot be negative"
    )
    expect(page.locator("#id_years_in_business")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(page.locator("[name='enterprise_type'][value='production']")).to_be_checked()
    page.fill("#id_years_in_business", "2.5")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/check/recognition/"))
    page.get_by_role("link", name="Back").click()
    expect(page.locator("#id_years_in_business")).to_have_value("2.5")


def test_change_goes_back_to_check_your_answers(page, check_server):
    check(page, check_server, DONGCHENG["profile"])
    page.get_by_role("link", name="Change your answers").click()
    latest = this_year() - 1
    question = f"What was the enterprise’s business revenue in {latest}?"
    page.get_by_role("link", name=f"Change {question}").click()
    expect(page.locator("#id_revenue_latest_year")).to_have_value("80,000,000")
    page.fill("#id_revenue_latest_year", "1.2亿")
    expect(page.locator("[data-readback-for='id_revenue_latest_year']")).to_have_text(
        "= CNY 120,000,000 (CNY 120 million)"
    )
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/check/check/#answers-finances$"))
    expect(page.locator("[data-answer='revenue_latest_year']")).to_contain_text(
        "CNY 120,000,000 (CNY 120 million)"
    )
    page.get_by_role("button", name="See your results").click()
    expect(outcome(page, "DC-1")).to_contain_text("CNY 1,000,000 to 3,000,000")


def test_the_share_link_opens_the_same_results_in_a_fresh_browser(
    page, browser, check_server
):
    check(page, check_server, CHANGPING["profile"])
    link = page.locator("#share-url").input_value()
    assert "first_set" not in link and "changping" not in link
    fresh = browser.new_context()
    shared = fresh.new_page()
    shared.goto(link)
    expect(shared.get_by_text("Opened from a shared link.")).to_be_visible()
    expect_example(shared, CHANGPING)
    fresh.close()


def test_the_results_print_with_answers_date_and_disclaimer_but_no_navigation(
    page, check_server
):
    check(page, check_server, CHAOYANG["profile"])
    page.emulate_media(media="print")
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator(".check-actions")).to_be_hidden()
    expect(page.locator(".print-meta")).to_be_visible()
    expect(page.locator(".check-results__meta").first).to_contain_text("Checked on")
    expect(page.locator("[data-rules-date]")).to_have_text(
        "Assessed with the rules in force since 26 November 2026."
    )
    expect(page.get_by_role("heading", name="Your answers")).to_be_visible()
    expect(page.get_by_role("heading", name="Before you apply")).to_be_visible()
    share_link = page.locator("#share-url")
    expect(share_link).to_be_hidden()
    qr = page.get_by_role("img", name="QR code of the link to these results")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src") == qr_data_uri(share_link.input_value())
    expect(outcome(page, "CY-3")).to_be_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")
