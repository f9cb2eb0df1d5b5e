"""The check in Chinese, in real Chromium with a zh-CN browser: the three enterprises
of ``tests/data/enterprises.json`` arrive at the portal's root, which answers in
Chinese, follow its link to the check, answer in 万元 (a bare figure, as the box
asks), see each figure read back as they type, finish within six question pages,
and get a headline naming the policy behind the estimate, with amounts in 万元.
"""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from policies.rules.amounts import Amount
from policies.rules.formatting import amount_text
from tests.browser.test_wizard_browser import answer_page
from tests.seed import DATA

pytestmark = pytest.mark.browser

ENTERPRISES = json.loads((DATA / "enterprises.json").read_text())
BY_KEY = {e["key"]: e for e in ENTERPRISES}
MAX_QUESTION_PAGES = 6


@pytest.fixture
def check_server(live_server, transactional_db):
    """The live server with the guide's content and rules."""
    call_command("loaddata", "content", "rules", verbosity=0)
    return live_server


@pytest.fixture
def chinese_page(browser):
    """A page in a browser set up for China: zh-CN locale and Accept-Language."""
    context = browser.new_context(
        locale="zh-CN", extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"}
    )
    yield context.new_page()
    context.close()


def chinese(name: str, **kwargs) -> str:
    with translation.override("zh-hans"):
        return reverse(name, kwargs=kwargs or None)


def walk_in_chinese(page: Page, server, profile: dict) -> int:
    """From the portal's root, as a Chinese browser arrives, to the results; how
    many pages asked questions."""
    page.goto(server.url + "/")
    expect(page).to_have_url(server.url + chinese("policies:home"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.locator("main").get_by_role("link", name="检查申报资格").click()
    page.get_by_role("button", name="现在开始").click()
    pages = 0
    while page.locator("form.check-form").get_attribute("data-step") != "check":
        answer_page(page, profile)
        page.get_by_role("button", name="继续").click()
        expect(page.locator("[data-error-summary]")).to_have_count(0)
        pages += 1
        assert pages <= MAX_QUESTION_PAGES
    page.get_by_role("button", name="查看您的结果").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("您的结果")
    return pages


def walk_to(page: Page, server, profile: dict, step: str) -> None:
    """Answer the Chinese check's pages up to page ``step``."""
    page.goto(server.url + chinese("policies:check"))
    page.get_by_role("button", name="现在开始").click()
    while page.locator("form.check-form").get_attribute("data-step") != step:
        answer_page(page, profile)
        page.get_by_role("button", name="继续").click()


@pytest.mark.parametrize("enterprise", ENTERPRISES, ids=[e["key"] for e in ENTERPRISES])
def test_an_enterprise_answers_in_wan_and_gets_its_headline_in_chinese(
    chinese_page, check_server, enterprise
):
    page = chinese_page
    pages = walk_in_chinese(page, check_server, enterprise["profile"])
    assert pages == enterprise["question_pages"] <= MAX_QUESTION_PAGES

    headline = page.locator(".check-headline")
    expect(page.locator("[data-estimate]")).to_have_text(
        enterprise["estimate"]["zh-hans"]
    )
    expect(headline.locator("[data-estimate-source]")).to_contain_text(
        f"来自{enterprise['most_favorable']} "
    )
    with translation.override("zh-hans"):
        for code, amount in enterprise["eligible"].items():
            result = page.locator(f"[data-policy-code='{code}']")
            expect(result).to_have_attribute("data-status", "eligible")
            if amount:
                expect(result.locator(".check-result__figure")).to_have_text(
                    amount_text(Amount(*amount))
                )
    for code in enterprise["needs_info"]:
        expect(page.locator(f"[data-policy-code='{code}']")).to_have_attribute(
            "data-status", "needs_info"
        )
    expect(page.locator("main")).not_to_contain_text("CNY")


def test_the_reference_only_estimate_and_a_question_that_could_raise_it_are_flagged(
    chinese_page, check_server
):
    page = chinese_page
    walk_in_chinese(page, check_server, BY_KEY["chaoyang_large_model"]["profile"])
    expect(page.locator(".check-headline [data-reference-only]")).to_contain_text(
        "仅供参考"
    )
    walk_in_chinese(page, check_server, BY_KEY["changping_start_up"]["profile"])
    raise_it = page.locator(".check-headline [data-could-raise]")
    expect(raise_it).to_contain_text("CP-3a：回答以下问题后，可能获得最高200万元")
    raise_it.get_by_role("link", name="今年获得的专项资金").click()
    expect(page.locator("#id_special_funds_received")).to_be_visible()


def test_a_figure_is_read_back_as_typed_and_an_unlikely_one_is_queried(
    chinese_page, check_server
):
    page = chinese_page
    walk_to(page, check_server, BY_KEY["dongcheng_offices"]["profile"], "finances")
    box = page.locator("#id_revenue_latest_year")
    readback = page.locator("[data-readback-for='id_revenue_latest_year']")
    expect(page.locator("label[for='id_revenue_latest_year']")).to_contain_text(
        "单位：万元"
    )
    box.fill("3000")
    expect(readback).to_have_text("= 3000万元")
    box.fill("1.2亿")
    expect(readback).to_have_text("= 1.2亿元")
    box.fill("60000000")
    page.get_by_role("button", name="继续").click()
    expect(page.get_by_role("alert")).to_contain_text("是否应为6000万元")
    box.fill("6000")
    page.get_by_role("button", name="继续").click()
    expect(page.locator("form.check-form")).to_have_attribute("data-step", "projects")


def test_a_follow_up_appears_only_after_the_answer_that_needs_it(
    chinese_page, check_server
):
    page = chinese_page
    walk_to(page, check_server, BY_KEY["chaoyang_large_model"]["profile"], "projects")
    funds = page.locator("#id_demonstration_scenario_funds_raised")
    expect(funds).to_be_hidden()
    page.check("[name='demonstration_scenario_project'][value='yes']")
    expect(funds).to_be_visible()
    page.check("[name='demonstration_scenario_project'][value='no']")
    expect(funds).to_be_hidden()
