"""The seed's words agree with its rules: every Chinese threshold is worded for the
rule's operator, every summary names every condition the rules check, the fields a
policy lists are those its rule accepts, and a note quotes only the guide's own
(English) words.

The Chinese convention the portal keeps: "X及以上", "达到X", "不低于X" and "不少于X"
mean X or more (>=); "超过X" and "X以上" without 及 mean more than X (>); "不足X",
"低于X" and a band's "至X" mean less than X (<); "不超过X" and "X及以下" mean X or less
(<=).
"""

import json
import re
from decimal import Decimal

import pytest
from django.utils import translation

from policies.rules import explain
from policies.rules.criteria import CriterionRule
from policies.rules.formatting import chinese_yuan
from policies.rules.vocabulary import Operator
from tests.seed import CONTENT_FIXTURE, RULES_FIXTURE

CONTENT = json.loads(CONTENT_FIXTURE.read_text())
RULES = json.loads(RULES_FIXTURE.read_text())
POLICIES = {r["pk"]: r["fields"] for r in CONTENT if r["model"] == "policies.policy"}
ROUTES = {r["pk"]: r["fields"] for r in RULES if r["model"] == "policies.route"}
CRITERIA = [r["fields"] for r in RULES if r["model"] == "policies.criterion"]
ORDERING = {">=", ">", "<", "<="}

# How each operator is worded next to a threshold V in the Chinese text.
CHINESE_WORDING = {
    ">=": [r"{v}及以上", r"(?:达到|不低于|不少于){v}"],
    ">": [r"超过(?:[\d.]+[万亿]*元[、和])*{v}", r"(?<!及){v}以上"],
    "<": [r"(?:不足|低于){v}", r"至{v}"],
    "<=": [r"不超过{v}", r"{v}及以下"],
}
# Thresholds the guide words without their figure: "for the first time" (the
# highest before), the settlement years, "any" amount and "any" award or standard.
WORDED_WITHOUT_A_FIGURE = {
    "highest_output_value_before_latest_year",
    "highest_revenue_before_latest_year",
    "years_since_settlement",
}
CHINESE_YEARS = {Decimal(1): "一年"}


def policy_of(criterion: dict) -> dict:
    pk = criterion["policy"] or ROUTES[criterion["route"]]["policy"]
    return POLICIES[pk]


def chinese_figure(fact: str, value: Decimal) -> str:
    if fact.startswith("years_"):
        return CHINESE_YEARS[value]
    if fact.endswith("_pct"):
        return f"{value:f}%"
    return chinese_yuan(value)


def stated_thresholds() -> list[tuple[str, str, str, Decimal]]:
    """(code, fact, operator, value) of every threshold the guide states."""
    found = []
    for criterion in CRITERIA:
        value = criterion["value"]
        if criterion["operator"] not in ORDERING or criterion["fact"] in (
            WORDED_WITHOUT_A_FIGURE
        ):
            continue
        value = Decimal(str(value))
        if value in (0, 1) and not criterion["fact"].startswith("years_"):
            continue  # "more than 0", "at least one": no figure in the guide
        code = policy_of(criterion)["code"]
        found.append((code, criterion["fact"], criterion["operator"], value))
    return found


THRESHOLDS = stated_thresholds()


@pytest.mark.parametrize(
    ("code", "fact", "operator", "value"),
    THRESHOLDS,
    ids=[f"{c}-{f}{o}{v}" for c, f, o, v in THRESHOLDS],
)
def test_the_chinese_text_words_each_threshold_for_its_operator(
    code, fact, operator, value
):
    text = next(p for p in POLICIES.values() if p["code"] == code)["full_text_zh_hans"]
    figure = re.escape(chinese_figure(fact, value))
    patterns = [p.format(v=figure) for p in CHINESE_WORDING[operator]]
    assert any(re.search(p, text) for p in patterns), (
        f"{code}: {fact} {operator} {value} is not worded as {CHINESE_WORDING[operator]}"
    )


def test_more_than_one_year_in_business_reads_as_such_in_chinese():
    texts = [p["full_text_zh_hans"] for p in POLICIES.values()]

    assert sum("成立一年以上" in t for t in texts) == 2  # BJ-3 and CP-1
    assert not any("满一年" in t for t in texts)


@pytest.mark.parametrize(
    ("operator", "wording"),
    [
        (">=", "及以上"),
        (">", "超过"),
        ("<", "低于"),
        ("<=", "及以下"),
    ],
)
def test_the_engines_chinese_criteria_word_each_operator_apart(operator, wording):
    rule = CriterionRule("revenue_latest_year", Operator(operator), 30_000_000)

    with translation.override("zh-hans"):
        required = explain.required(rule)

    assert wording in required
    others = {"及以上", "超过", "低于", "及以下"} - {wording}
    assert not [other for other in others if other in required]


# Words that show a summary names the condition a fact stands for.
MENTIONS = {
    "district": {
        "dongcheng": (["Dongcheng"], ["东城"]),
        "chaoyang": (["Chaoyang"], ["朝阳"]),
        "changping": (["Changping"], ["昌平"]),
    },
    "in_beijing": ([""], [""]),  # every policy on the portal is Beijing's
    "advanced_manufacturing": (["advanced manufactur"], ["先进制造"]),
    "above_designated_size": (["above-designated-size", "above the designated size"], ["规模以上"]),
    "newly_above_designated_size": (["first entered the above-designated-size"], ["首次纳入规模以上"]),
    "output_value_latest_year": (["output value"], ["产值"]),
    "highest_output_value_before_latest_year": (["first reached"], ["首次达到"]),
    "industry_code": (["industry codes 64 and 65", "software and information service"], ["64、65", "软件和信息服务"]),
    "revenue_latest_year": (["revenue"], ["营业收入"]),
    "highest_revenue_before_latest_year": (["for the first time"], ["首次"]),
    "revenue_net_increase_latest": (["by CNY 5 billion"], ["净增50亿元"]),
    "revenue_growth_latest_pct": (["20%", "growth"], ["增速", "增长"]),
    "revenue_growth_previous_pct": (["two years in a row", "two consecutive years"], ["连续两年"]),
    "insured_employees_not_reduced": (["insured"], ["参保"]),
    "revenue_q1_net_increase": (["first quarter"], ["一季度"]),
    "revenue_q1_growth_pct": (["first quarter"], ["一季度"]),
    "enterprise_type": (["Production and R&D"], ["生产型和研发型"]),
    "tech_fields": (["AI"], ["人工智能"]),
    "years_in_business": (["in business for over a year"], ["成立一年以上"]),
    "domestic_rd_share_pct": (["R&D in China"], ["境内研发费用"]),
    "years_since_settlement": (["settle"], ["落户"]),
    "specialized_sophisticated": (["Specialized and sophisticated"], ["专精特新"]),
    "district_key_enterprise": (["Key enterprises"], ["重点企业"]),
    "office_rent_annual": (["rent"], ["租金"]),
    "office_area_m2": (["square meters"], ["平方米"]),
    "high_tech_enterprise": (["High-tech enterprises"], ["高新技术企业"]),
    "equity_investment_this_year": (["equity investment from investment institutions"], ["投资机构股权投资"]),
    "rd_intensity_pct": (["share of their revenue on R&D"], ["研发投入占"]),
    "commercialization_project_investment": (["major common technologies"], ["重大共性技术"]),
    "scenario_solution_selected": (["solutions"], ["解决方案"]),
    "demonstration_scenario_project": (["pilot or demonstration project"], ["试点示范项目"]),
    "demonstration_scenario_funds_raised": (["funds raised"], ["筹集资金"]),
    "sti_plan_project": (["Science and Technology Plan"], ["科技计划"]),
    "sti_progress_awards_total": (["Award for Scientific and Technological Progress"], ["科学技术进步奖"]),
    "rd_expense_rising_two_years": (["increase in their R&D investment"], ["研发投入增量"]),
    "standards_top2_total": (["top two drafters"], ["前两位"]),
    "special_funds_received": (["special funds"], ["专项资金"]),
    "innovation_platform_total_investment": (["total investment of CNY 1 million"], ["总投资100万元"]),
    "first_set_products_certified": (["certified"], ["认定"]),
}  # fmt: skip


def rule_facts(pk: int) -> list[tuple[str, object]]:
    """(fact, value) of every criterion of policy ``pk`` and of its routes."""
    return [
        (c["fact"], c["value"])
        for c in CRITERIA
        if c["policy"] == pk or (c["route"] and ROUTES[c["route"]]["policy"] == pk)
    ]


@pytest.mark.parametrize("pk", sorted(POLICIES), ids=lambda pk: POLICIES[pk]["code"])
@pytest.mark.parametrize("language", ["en", "zh_hans"])
def test_a_summary_names_every_condition_its_rules_check(pk, language):
    summary = POLICIES[pk][f"summary_{language}"]
    side = 0 if language == "en" else 1
    dropped = []
    for fact, value in rule_facts(pk):
        words = MENTIONS[fact]
        if isinstance(words, dict):
            words = words[value]
        if not any(word in summary for word in words[side]):
            dropped.append(fact)
    assert dropped == [], f"{POLICIES[pk]['code']} {language} summary drops {dropped}"


def test_a_policy_lists_every_technology_field_its_rule_accepts():
    for pk, policy in POLICIES.items():
        accepted = {
            field
            for fact, value in rule_facts(pk)
            if fact == "tech_fields"
            for field in value
        }
        assert accepted <= set(policy["tech_fields"]), policy["code"]


QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]")


@pytest.mark.parametrize("language", ["en", "zh_hans"])
def test_a_note_quotes_only_the_guides_own_english_words(language):
    for policy in POLICIES.values():
        guide = re.sub(r"\s+", " ", policy["full_text_en"]).lower()
        note = policy[f"reading_note_{language}"] or ""
        for quotation in QUOTED.findall(note):
            assert quotation.lower() in guide, (policy["code"], quotation)


CY6_GUIDE_WORDS = [
    "reaching certain scale and intensity and achieving significant innovation "
    "progress for two consecutive years",
    "considering the development of the enterprise and the incremental amount of "
    "research and development investment in the previous year",
]


@pytest.mark.parametrize("language", ["en", "zh_hans"])
def test_cy6s_note_quotes_the_guides_words_not_a_paraphrase(language):
    (cy6,) = [p for p in POLICIES.values() if p["code"] == "CY-6"]
    note = cy6[f"reading_note_{language}"]

    assert "increase two consecutive years" not in note
    assert all(words in note for words in CY6_GUIDE_WORDS)
