"""The check as three real enterprises use it (``tests/data/enterprises.json``): a
Dongcheng AI firm renting 1,500 m² of offices, a Chaoyang large-model firm and a
Changping start-up that lacks some figures, in English and in Chinese with money
typed in 万元. Each finishes within six question pages, answering only the
questions its policies need (the counts in the data file); the headline names the
policy its estimate comes from, flags one for reference only and says which
unanswered question could raise it; amounts read as the page's readers write them.
"""

import json
import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import translation

from policies.rules.amounts import Amount
from policies.rules.formatting import amount_text
from policies.wizard_flow import CHECK, GATES, LOCATION
from tests.seed import DATA
from tests.test_wizard_views import policies_on
from tests.wizard_support import guide, step_url, walk  # noqa: F401

pytestmark = pytest.mark.usefixtures("guide")

ENTERPRISES = json.loads((DATA / "enterprises.json").read_text())
BY_KEY = {e["key"]: e for e in ENTERPRISES}
LANGUAGES = ["en", "zh-hans"]
MAX_QUESTION_PAGES = 6


def results(client, key: str, language: str):
    with translation.override(language):
        return walk(client, BY_KEY[key]["profile"])


def text(html: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def headline(html: str) -> str:
    start = html.index('<section class="check-headline')
    return text(html[start : html.index("</section>", start)])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", BY_KEY)
def test_each_enterprise_finishes_within_six_question_pages(client, key, language):
    walked = results(client, key, language)
    question_pages = len(walked.pages) - 1  # "Check your answers" asks nothing
    assert question_pages == BY_KEY[key]["question_pages"] <= MAX_QUESTION_PAGES


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", BY_KEY)
def test_each_enterprise_answers_only_the_questions_its_policies_need(
    client, key, language
):
    results(client, key, language)
    with translation.override(language):
        check = client.get(step_url(CHECK)).content.decode()
    assert check.count("data-answer=") == BY_KEY[key]["questions"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", BY_KEY)
def test_each_enterprise_gets_its_outcomes_and_amounts_in_the_page_language(
    client, key, language
):
    enterprise = BY_KEY[key]
    found = policies_on(results(client, key, language).html)
    with translation.override(language):
        for code, amount in enterprise["eligible"].items():
            assert found[code]["status"] == "eligible", code
            if amount:
                words = amount_text(Amount(*amount))
                assert words in " ".join(found[code]["text"].split()), code
    for code in enterprise["needs_info"]:
        assert found[code]["status"] == "needs_info", code


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", BY_KEY)
def test_the_headline_gives_the_estimate_and_the_policy_it_comes_from(
    client, key, language
):
    enterprise = BY_KEY[key]
    html = results(client, key, language).html
    best = enterprise["most_favorable"]
    assert f"data-estimate>{enterprise['estimate'][language]}<" in html
    source = "From" if language == "en" else "来自"
    assert f"{source}{' ' if language == 'en' else ''}{best} " in headline(html)


def test_a_chinese_page_never_writes_yuan_with_thousands_separators(client):
    for key in BY_KEY:
        html = text(results(client, key, "zh-hans").html)
        assert not re.search(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?元", html), key
        assert "CNY" not in html


def test_the_headline_quotes_the_guides_reference_note_in_its_own_english(client):
    html = headline(results(client, "chaoyang_large_model", "zh-hans").html)

    assert "指南原文：“The 2022 policy is for reference only" in html
    assert "“2022年政策" not in html


def test_a_reference_only_policy_is_flagged_in_the_headline(client):
    html = results(client, "chaoyang_large_model", "zh-hans").html
    assert "data-reference-only" in html
    assert "仅供参考" in headline(html) and "CY-1" in headline(html)
    dongcheng = results(Client(), "dongcheng_offices", "en").html
    assert "data-reference-only" not in dongcheng


def test_the_headline_says_which_unanswered_question_could_raise_it(client):
    html = results(client, "changping_start_up", "zh-hans").html
    top = headline(html)
    assert "回答尚未回答的问题，金额可能更高" in top
    assert "CP-3a：回答以下问题后，可能获得最高200万元" in top
    assert "今年获得的专项资金" in top
    assert "CP-3b" not in top  # at most 100万元: it cannot beat CP-4's 100万元


def test_a_policy_that_needs_an_answer_says_what_it_could_be_worth(client):
    found = policies_on(results(client, "changping_start_up", "en").html)
    cp3a = " ".join(found["CP-3a"]["text"].split())
    assert "Could be worth up to CNY 2,000,000 if you answer:" in cp3a
    cp3b = " ".join(found["CP-3b"]["text"].split())
    assert "Could be worth up to CNY 1,000,000 if you answer:" in cp3b


def test_your_answers_list_a_no_as_no_never_as_the_zeros_it_stands_for(client):
    html = results(client, "chaoyang_large_model", "en").html
    answers = text(html[html.index('id="answers-title"') :])
    assert "win a national or Beijing award" in answers
    assert "National Awards for Scientific and Technological Progress" not in answers
    assert 'data-answer="gate_awards"' in html
    award = html[html.index('data-answer="gate_awards"') :]
    assert award[award.index(">") + 1 :].startswith("No<")


def test_your_answers_show_the_year_of_settlement_and_money_in_wan(client):
    html = results(client, "dongcheng_offices", "zh-hans").html
    answers = text(html[html.index('id="answers-title"') :])
    assert "企业哪一年在所在区注册成立" in answers
    assert "6000万元" in answers and "60000000" not in answers


def test_check_your_answers_reads_the_figures_back_in_wan(client):
    with translation.override("zh-hans"):
        walk(client, BY_KEY["dongcheng_offices"]["profile"])
        page = text(client.get(step_url(CHECK)).content.decode())
    assert "企业2025年营业收入是多少？" in page or "年营业收入是多少？" in page
    assert "6000万元" in page and "480万元" in page


def test_a_follow_up_made_moot_is_neither_asked_again_nor_listed(client):
    with translation.override("zh-hans"):
        walk(client, BY_KEY["chaoyang_large_model"]["profile"])
        check = client.get(step_url(CHECK)).content.decode()
    assert "demonstration_scenario_project" in check
    assert 'data-answer="demonstration_scenario_funds_raised"' not in check


# Sessions: reading the check creates none


def test_reading_the_check_writes_no_session_row():
    urls = [reverse("policies:check")] + [
        step_url(step)
        for step in (LOCATION, "enterprise", GATES, CHECK, "results", "nonsense")
    ]
    for language in LANGUAGES:
        visitor = Client(HTTP_ACCEPT_LANGUAGE=language)
        for url in urls:
            assert visitor.get(url).status_code in (200, 302)
            assert not visitor.cookies.get("sessionid")
    assert Session.objects.count() == 0


def test_the_first_answer_posted_creates_the_session():
    visitor = Client()
    visitor.get(step_url(LOCATION))
    assert Session.objects.count() == 0
    visitor.post(step_url(LOCATION), {"district": "haidian"})
    assert Session.objects.count() == 1
    visitor.get(step_url("enterprise"))
    visitor.get(step_url(LOCATION))
    assert Session.objects.count() == 1
    assert visitor.get(step_url(LOCATION)).context["form"].initial == {
        "district": "haidian"
    }
