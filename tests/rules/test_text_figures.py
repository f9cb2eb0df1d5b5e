"""Sums of money in a policy's words, read in English and Chinese and checked
against the figures its rules name."""

from decimal import Decimal

from policies.rules.amounts import AmountRule, Term
from policies.rules.criteria import CriterionRule
from policies.rules.definitions import PolicyRule, RouteRule
from policies.rules.text_figures import figures, rule_figures, unsupported
from policies.rules.vocabulary import AmountKind, Operator, RouteRole


def values(text: str) -> list[int]:
    return [int(figure.value) for figure in figures(text)]


def banded(low: int) -> PolicyRule:
    """Two bands of revenue paying ``low`` and 5 million, from CNY 30 million."""
    threshold = CriterionRule("revenue_latest_year", Operator.GTE, 30_000_000)
    return PolicyRule(
        code="XX-1",
        title="",
        region="",
        criteria=(threshold,),
        routes=(
            RouteRule("Low", AmountRule(AmountKind.FIXED, amount=Decimal(low))),
            RouteRule("High", AmountRule(AmountKind.FIXED, amount=Decimal(5_000_000))),
        ),
    )


def test_english_figures_share_the_currency_of_a_range():
    assert values("CNY 500,000 to 5 million by revenue band") == [500_000, 5_000_000]
    assert values("Up to CNY 500,000, plus CNY 200,000 if specialized") == [
        500_000,
        200_000,
    ]
    assert values("500,000 yuan, or 5 million RMB") == [500_000, 5_000_000]
    assert values("1.5 billion visitors; 30% of rent for 3 years") == []


def test_chinese_figures_in_wan_and_yi():
    assert values("按营业收入区间50万元至500万元") == [500_000, 5_000_000]
    assert values("最高1.5亿元，或50万至100万元") == [150_000_000, 500_000, 1_000_000]
    assert values("连续三年按租金的30%补贴") == []


def test_full_width_digits_are_read():
    assert values("最高５００万元") == [5_000_000]


def test_a_figure_the_rules_no_longer_give_is_unsupported():
    text = "CNY 500,000 to 5 million for revenue of CNY 30 million or more"

    assert unsupported(text, banded(500_000)) == []
    assert [f.text for f in unsupported(text, banded(600_000))] == ["500,000"]
    assert [
        f.text for f in unsupported("按营业收入区间50万元至500万元", banded(600_000))
    ] == ["50万"]


def test_rule_figures_include_caps_terms_and_totals_with_add_ons():
    rule = PolicyRule(
        code="XX-2",
        title="",
        region="",
        routes=(
            RouteRule(
                "Share",
                AmountRule(
                    AmountKind.PERCENTAGE,
                    rate_pct=Decimal(1),
                    base_fact="revenue_latest_year",
                    cap=Decimal(3_000_000),
                ),
            ),
            RouteRule(
                "Per head",
                AmountRule(
                    AmountKind.SUM_OF_TERMS,
                    terms=(Term("insured_employees_now", Decimal(10_000)),),
                    cap=Decimal(1_000_000),
                ),
            ),
            RouteRule(
                "Bonus",
                AmountRule(AmountKind.FIXED, amount=Decimal(200_000)),
                role=RouteRole.ADD_ON,
            ),
        ),
    )

    assert rule_figures(rule) == {
        Decimal(n)
        for n in (3_000_000, 10_000, 1_000_000, 200_000, 3_200_000, 1_200_000)
    }
