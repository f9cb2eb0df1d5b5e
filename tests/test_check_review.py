"""What a new visitor reading the check found wrong, kept fixed: Chinese pages with
English left in them, results worded as more (or less) than they are, a unit that a
screen reader never hears, and instructions printed where they cannot be followed."""

import json
import re

import pytest
from django.utils import translation

from policies.check_fields import this_year
from tests.seed import DATA
from tests.wizard_support import guide, step_url, walk  # noqa: F401

pytestmark = pytest.mark.usefixtures("guide")

EXAMPLES = [e for e in json.loads((DATA / "examples.json").read_text()) if e["profile"]]
DONGCHENG, CHAOYANG, CHANGPING = EXAMPLES[:3]
LATIN_WORDS = re.compile(r"[A-Za-z]{3,}")


def visible_text(html: str) -> str:
    """The page's words, without tags, scripts or attribute values."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def main_text(html: str) -> str:
    return " ".join(visible_text(html[html.index("<main") :]).split())


def test_every_page_of_the_chinese_check_has_its_title_and_hints_in_chinese(client):
    with translation.override("zh-hans"):
        walked = walk(client, CHAOYANG["profile"])
        pages = [step_url(step) for step in walked.pages]
        enterprise = step_url("enterprise")

    for url in pages:
        html = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        h1 = visible_text(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))
        assert not LATIN_WORDS.search(title), (url, title)
        assert not LATIN_WORDS.search(h1), (url, h1)
    assert "enterprise" in walked.pages
    text = main_text(client.get(enterprise).content.decode())
    assert "Leave them all unticked" not in text
    assert "如不清楚，可全部不勾选。" in text


def test_money_boxes_show_their_unit_in_chinese_and_name_it_in_the_label(client):
    with translation.override("en"):
        walk(client, DONGCHENG["profile"])
        english = client.get(step_url("finances")).content.decode()
    with translation.override("zh-hans"):
        chinese = client.get(step_url("finances")).content.decode()

    latest = this_year() - 1
    assert (
        f'for="id_revenue_latest_year">What was the enterprise’s business revenue '
        f'in {latest}?<span class="visually-hidden"> (CNY)</span></label>'
    ) in english
    assert '<span class="input-group-text" aria-hidden="true">CNY</span>' in english
    assert f"企业{latest}年营业收入是多少？" in chinese
    assert '<span class="input-group-text" aria-hidden="true">万元</span>' in chinese
    assert '<span class="visually-hidden">（单位：万元）</span>' in chinese
    assert "单位：万元。也可以直接写“1.2亿”或“30,000,000元”。" in chinese
    assert '<p class="check-readback" data-readback-for="id_revenue_latest_year" ' in (
        chinese
    )
    assert "= 8000万元</p>" in chinese


def test_a_count_of_one_year_reads_in_the_singular_on_the_results(client):
    html = main_text(walk(client, DONGCHENG["profile"]).html)

    assert "Years since settling in the district: 0 years; needs 1 year or less" in html
    assert "1 years" not in html


def test_a_miss_far_off_the_threshold_is_not_called_close(client):
    html = main_text(walk(client, DONGCHENG["profile"]).html)

    assert "Close, but not yet" not in html
    assert "Missed on one figure" not in html
    assert "yours is CNY 80,000,000" not in html  # DC-3 needs CNY 500,000,000
    assert "more than CNY 500,000,000: CNY 420,000,000 short" in html


def test_an_enterprise_outside_beijing_is_told_no_policy_applies_and_why(client):
    html = main_text(walk(client, {"district": "outside_beijing"}).html)

    assert "No estimate of money yet" not in html
    assert "The enterprise does not qualify on these answers" in html
    assert "Every policy in the guide is for enterprises registered in Beijing" in html


def test_an_enterprise_in_beijing_that_qualifies_for_nothing_is_not_told_yet(client):
    profile = {
        "district": "haidian",
        "industry_code": "10",
        "newly_above_designated_size": False,
        "above_designated_size": False,
        "advanced_manufacturing": False,
        "enterprise_type": "other",
    }
    html = main_text(walk(client, profile).html)

    assert "No estimate of money yet" not in html
    assert "The enterprise does not qualify on these answers" in html
    assert "None of the guide’s policies applies on these answers" in html
    assert "registered outside Beijing" not in html


def test_a_benefit_that_is_not_money_is_said_once_with_why_it_is_not_counted(client):
    html = main_text(walk(client, CHANGPING["profile"]).html)

    assert "(not money)" not in html
    assert "Approval on filing (non-monetary) Not a payment, so it is not counted" in (
        html
    )


def test_instructions_to_follow_links_are_not_printed(client):
    html = walk(client, DONGCHENG["profile"]).html

    assert (
        '<p class="no-print">Answer the questions linked below to decide them;' in html
    )


def test_no_translated_string_hides_inside_an_f_string_where_makemessages_misses_it():
    """xgettext reads no f-string, so a literal translated inside one never reaches
    the catalogue and shows in English on the Chinese pages."""
    root = DATA.parent.parent / "policies"
    hidden = re.compile(r"""\bf(["']).*\{\s*(?:gettext|_|N_|ngettext)\(\s*["']""")
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if hidden.search(line)
    ]

    assert found == []


def test_every_change_link_on_check_your_answers_lands_on_its_question(client):
    haidian = EXAMPLES[3]["profile"]
    walk(client, haidian)
    check = client.get(step_url("check")).content.decode()
    links = re.findall(r'href="([^"]*\?change=1#[^"]+)"', check)

    assert len(links) > 10
    for link in links:
        page, anchor = link.split("#")
        html = client.get(page.replace("&amp;", "&")).content.decode()
        assert f'id="{anchor}"' in html, link
