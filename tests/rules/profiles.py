"""Profiles that meet each seed policy exactly at its edges, to vary one fact at a
time (the seed-policy table) or to raise a rewarded input (the properties), and a
Hypothesis strategy for any schema-valid value of a fact."""

from hypothesis import strategies as st

from policies.rules.facts import Fact, FactType

M = 1_000_000
B = 1_000_000_000

BJ1_A = {
    "district": "haidian",
    "advanced_manufacturing": True,
    "above_designated_size": True,
    "output_value_latest_year": 100 * M,
    "highest_output_value_before_latest_year": 100 * M - 1,
    "industry_code": "10",
    "specialized_sophisticated": False,
}
BJ1_B = {
    "district": "haidian",
    "advanced_manufacturing": False,
    "industry_code": "64",
    "newly_above_designated_size": True,
    "revenue_latest_year": 100 * M,
    "specialized_sophisticated": False,
}
BJ2 = {
    "district": "chaoyang",
    "industry_code": "65",
    "revenue_latest_year": 30 * B,
    "revenue_previous_year": 25 * B,
    "insured_employees_now": 100,
    "insured_employees_previous_year_end": 100,
    "revenue_q1_current_year": 0,
    "revenue_q1_previous_year": 0,
}
BJ2_Q1 = {
    **BJ2,
    "revenue_latest_year": 25 * B,
    "revenue_q1_current_year": 6 * B,
    "revenue_q1_previous_year": 5 * B,
}
FILING = {
    "enterprise_type": "production",
    "above_designated_size": True,
    "tech_fields": ["artificial_intelligence"],
    "years_in_business": 1.5,
    "domestic_rd_share_pct": 50,
}
BJ3 = {"district": "haidian", **FILING}
DC = {"district": "dongcheng"}
DC1 = {**DC, "years_since_settlement": 1}
DC2 = {
    **DC,
    "district_key_enterprise": True,
    "years_since_settlement": 0,
    "office_rent_annual": 1 * M,
    "office_area_m2": 2000,
}
DC5 = {**DC, "high_tech_enterprise": True, "equity_investment_this_year": 50 * M}
CY = {"district": "chaoyang"}
CY1 = {
    **CY,
    "tech_fields": ["artificial_intelligence"],
    "commercialization_project_investment": 1,
}
CY3 = {
    **CY,
    "demonstration_scenario_project": True,
    "demonstration_scenario_funds_raised": 10 * M,
}
CP = {"district": "changping", "high_tech_enterprise": True}
CP2 = {
    **CP,
    "standards_international_top2": 0,
    "standards_national_top2": 0,
    "standards_industry_or_beijing_top2": 0,
}
CP3B = {
    **CP,
    "innovation_platform_total_investment": 1 * M,
    "innovation_platform_fixed_asset_investment": 500_000,
}


def revenue(latest, previous=None, two_ago=None) -> dict:
    facts = {"revenue_latest_year": latest}
    if previous is not None:
        facts["revenue_previous_year"] = previous
    if two_ago is not None:
        facts["revenue_two_years_ago"] = two_ago
    return facts


def milestone(latest, highest) -> dict:
    return {
        **DC,
        "revenue_latest_year": latest,
        "highest_revenue_before_latest_year": highest,
    }


def rd(latest_revenue, rd_expense) -> dict:
    return {
        **DC,
        "revenue_latest_year": latest_revenue,
        "rd_expense_latest_year": rd_expense,
    }


# Thresholds of the guide and their neighbours, so that edges are hit often.
LANDMARKS = [0, 1, 10**7, 3 * 10**7, 10**8, 5 * 10**8, 10**9, 2 * 10**9, 5 * 10**9]
LANDMARKS += [n - 1 for n in LANDMARKS if n] + [n + 1 for n in LANDMARKS]


def _numbers(fact: Fact, *, whole: bool) -> st.SearchStrategy:
    low, high = int(fact.minimum), int(fact.maximum)
    landmarks = st.sampled_from([n for n in LANDMARKS if low <= n <= high])
    integers = st.integers(low, high) | landmarks
    if whole:
        return integers
    return integers | st.floats(low, high, allow_nan=False, allow_infinity=False)


def strategy(fact: Fact) -> st.SearchStrategy:
    """Any value the profile schema accepts for ``fact``, edges often."""
    codes = [code for code, _label in fact.choices]
    if fact.type is FactType.BOOLEAN:
        return st.booleans()
    if fact.type is FactType.CHOICE:
        return st.sampled_from(codes)
    if fact.type is FactType.CHOICES:
        return st.lists(st.sampled_from(codes), unique=True)
    if fact.type is FactType.CODE:
        return st.sampled_from(["64", "65"]) | st.from_regex(
            r"[0-9]{2}", fullmatch=True
        )
    return _numbers(fact, whole=fact.type is FactType.INTEGER)
