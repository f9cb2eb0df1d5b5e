"""Every seed policy, both sides of every threshold, band edge and cap.

The rules come from ``fixtures/rules.json`` (see ``tests/seed.py``), so these rows
check the shipped data against the spec's table, not code against itself.
"""

import pytest

from policies.rules.vocabulary import Status
from tests.rules.profiles import (
    BJ1_A,
    BJ1_B,
    BJ2,
    BJ2_Q1,
    BJ3,
    CP,
    CP2,
    CP3B,
    CY,
    CY1,
    CY3,
    DC,
    DC1,
    DC2,
    DC5,
    FILING,
    B,
    M,
    milestone,
    rd,
    revenue,
)
from tests.seed import seed_outcome, seed_rule_set

E = Status.ELIGIBLE
N = Status.NOT_ELIGIBLE
Q = Status.NEEDS_INFO


CASES = [
    # BJ-1 route A: advanced manufacturing reaching CNY 100 million output
    ("BJ-1", BJ1_A, E, (0, 500_000), "output at 100M for the first time"),
    (
        "BJ-1",
        {**BJ1_A, "output_value_latest_year": 100 * M - 1},
        N,
        None,
        "output below 100M",
    ),
    (
        "BJ-1",
        {**BJ1_A, "highest_output_value_before_latest_year": 100 * M},
        N,
        None,
        "100M reached before",
    ),
    (
        "BJ-1",
        {**BJ1_A, "advanced_manufacturing": False},
        N,
        None,
        "not advanced manufacturing",
    ),
    ("BJ-1", {**BJ1_A, "above_designated_size": False}, N, None, "not above size"),
    # BJ-1 route B: software newly above designated size, revenue CNY 100 million
    ("BJ-1", BJ1_B, E, (0, 500_000), "software with 100M revenue"),
    ("BJ-1", {**BJ1_B, "industry_code": "65"}, E, (0, 500_000), "code 65"),
    (
        "BJ-1",
        {**BJ1_B, "revenue_latest_year": 100 * M - 1},
        N,
        None,
        "revenue below 100M",
    ),
    ("BJ-1", {**BJ1_B, "industry_code": "66"}, N, None, "code 66"),
    (
        "BJ-1",
        {**BJ1_B, "newly_above_designated_size": False},
        N,
        None,
        "not newly above",
    ),
    # BJ-1 add-on
    (
        "BJ-1",
        {**BJ1_B, "specialized_sophisticated": True},
        E,
        (200_000, 700_000),
        "add-on",
    ),
    ("BJ-1", {**BJ1_B, "district": "outside_beijing"}, N, None, "outside Beijing"),
    # BJ-2 annual route, at the edges: net increase 5B and growth 20% exactly
    ("BJ-2", BJ2, E, (0, 30 * M), "annual at both edges"),
    ("BJ-2", {**BJ2, **revenue(31 * B, 26 * B)}, N, None, "net 5B, growth 19.2%"),
    (
        "BJ-2",
        {**BJ2, **revenue(15 * B - 1, 10 * B)},
        N,
        None,
        "growth 50%, net below 5B",
    ),
    ("BJ-2", {**BJ2, "insured_employees_now": 99}, N, None, "insured employees fell"),
    ("BJ-2", {**BJ2, "industry_code": "66"}, N, None, "not software"),
    # BJ-2 first-quarter route
    ("BJ-2", BJ2_Q1, E, (0, 6 * M), "Q1 at both edges"),
    ("BJ-2", {**BJ2_Q1, "revenue_q1_current_year": 6 * B - 1}, N, None, "Q1 short"),
    ("BJ-2", {**BJ2_Q1, "revenue_latest_year": 30 * B}, E, (0, 30 * M), "both: annual"),
    # BJ-3
    ("BJ-3", BJ3, E, None, "approval on filing"),
    (
        "BJ-3",
        {**BJ3, "enterprise_type": "research_and_development"},
        E,
        None,
        "R&D type",
    ),
    ("BJ-3", {**BJ3, "enterprise_type": "other"}, N, None, "other type"),
    ("BJ-3", {**BJ3, "years_in_business": 1}, N, None, "exactly one year"),
    ("BJ-3", {**BJ3, "domestic_rd_share_pct": 49.9}, N, None, "domestic share 49.9%"),
    ("BJ-3", {**BJ3, "tech_fields": ["key_materials"]}, E, None, "key materials"),
    ("BJ-3", {**BJ3, "tech_fields": ["5g"]}, N, None, "5G is not a filing field"),
    ("BJ-3", {**BJ3, "above_designated_size": False}, N, None, "below size"),
    # DC-1 bands
    ("DC-1", {**DC1, **revenue(30 * M - 1)}, N, None, "below 30M"),
    ("DC-1", {**DC1, **revenue(30 * M)}, E, (500_000, 500_000), "30M"),
    ("DC-1", {**DC1, **revenue(100 * M - 1)}, E, (500_000, 500_000), "just under 100M"),
    ("DC-1", {**DC1, **revenue(100 * M)}, E, (1 * M, 3 * M), "100M"),
    ("DC-1", {**DC1, **revenue(1 * B - 1)}, E, (1 * M, 3 * M), "just under 1B"),
    ("DC-1", {**DC1, **revenue(1 * B)}, E, (5 * M, 5 * M), "1B"),
    (
        "DC-1",
        {**DC1, **revenue(50 * M), "years_since_settlement": 0},
        E,
        (500_000, 500_000),
        "year 0",
    ),
    (
        "DC-1",
        {**DC1, **revenue(50 * M), "years_since_settlement": 2},
        N,
        None,
        "year 2",
    ),
    ("DC-1", {**DC1, **revenue(50 * M), "district": "chaoyang"}, N, None, "Chaoyang"),
    # DC-2 rent subsidy
    ("DC-2", DC2, E, (300_000, 300_000), "year 0 at 30%"),
    (
        "DC-2",
        {**DC2, "years_since_settlement": 1},
        E,
        (200_000, 200_000),
        "year 1 at 20%",
    ),
    (
        "DC-2",
        {**DC2, "years_since_settlement": 2},
        E,
        (100_000, 100_000),
        "year 2 at 10%",
    ),
    ("DC-2", {**DC2, "years_since_settlement": 3}, N, None, "year 3"),
    ("DC-2", {**DC2, "office_area_m2": 3000}, E, (300_000, 300_000), "3,000 m2"),
    ("DC-2", {**DC2, "office_area_m2": 4000}, E, (225_000, 225_000), "4,000 m2"),
    ("DC-2", {**DC2, "office_rent_annual": 10 * M}, E, (3 * M, 3 * M), "at the cap"),
    ("DC-2", {**DC2, "office_rent_annual": 20 * M}, E, (3 * M, 3 * M), "over the cap"),
    ("DC-2", {**DC2, "office_rent_annual": 0}, N, None, "no rent"),
    ("DC-2", {**DC2, "office_area_m2": 0}, N, None, "no area"),
    (
        "DC-2",
        {**DC2, "district_key_enterprise": False},
        N,
        None,
        "not a key enterprise",
    ),
    # DC-3 milestones
    ("DC-3", milestone(500 * M + 1, 500 * M), E, (500_000, 500_000), "crosses 500M"),
    ("DC-3", milestone(500 * M, 400 * M), N, None, "reaches but does not exceed"),
    ("DC-3", milestone(600 * M, 500 * M + 1), N, None, "crossed 500M before"),
    ("DC-3", milestone(1 * B + 1, 1 * B), E, (1 * M, 1 * M), "crosses 1B"),
    ("DC-3", milestone(2 * B + 1, 2 * B), E, (2 * M, 2 * M), "crosses 2B"),
    ("DC-3", milestone(5 * B + 1, 5 * B), E, (5 * M, 5 * M), "crosses 5B"),
    ("DC-3", milestone(6 * B, 400 * M), E, (5 * M, 5 * M), "several: the highest"),
    # DC-4 sustained growth: both growth figures, per band
    ("DC-4", {**DC, **revenue(39 * M, 30 * M, 23 * M)}, E, (500_000, 500_000), "30%"),
    ("DC-4", {**DC, **revenue(39 * M - 1, 30 * M, 23 * M)}, N, None, "just under 30%"),
    (
        "DC-4",
        {**DC, **revenue(39 * M, 30 * M, 30 * M)},
        N,
        None,
        "flat the year before",
    ),
    ("DC-4", {**DC, **revenue(120 * M, 100 * M, 80 * M)}, E, (1 * M, 1 * M), "20%"),
    ("DC-4", {**DC, **revenue(120 * M, 100 * M + 1, 80 * M)}, N, None, "under 20%"),
    (
        "DC-4",
        {**DC, **revenue(1200 * M, 1 * B, 800 * M)},
        E,
        (1_500_000, 1_500_000),
        "15%+",
    ),
    (
        "DC-4",
        {**DC, **revenue(1150 * M, 1 * B, 800 * M)},
        E,
        (1_500_000, 1_500_000),
        "15%",
    ),
    ("DC-4", {**DC, **revenue(1149 * M, 1 * B, 800 * M)}, N, None, "under 15%"),
    ("DC-4", {**DC, **revenue(1 * B, 800 * M, 600 * M)}, N, None, "exactly 1B"),
    ("DC-4", {**DC, **revenue(30 * M - 1, 20 * M, 10 * M)}, N, None, "under 30M"),
    ("DC-4", {**DC, **revenue(39 * M, 30 * M)}, Q, None, "two years ago missing"),
    ("DC-4", {**DC, **revenue(39 * M, 0, 0)}, N, None, "previous revenue zero"),
    # DC-5 equity financing
    ("DC-5", DC5, E, (500_000, 500_000), "50M"),
    ("DC-5", {**DC5, "equity_investment_this_year": 50 * M - 1}, N, None, "under 50M"),
    ("DC-5", {**DC5, "equity_investment_this_year": 500 * M}, E, (5 * M, 5 * M), "cap"),
    (
        "DC-5",
        {**DC5, "equity_investment_this_year": 600 * M},
        E,
        (5 * M, 5 * M),
        "over",
    ),
    (
        "DC-5",
        {**DC5, "equity_investment_this_year": 123_456_750},
        E,
        (1_234_568, 1_234_568),
        "half up",
    ),
    ("DC-5", {**DC5, "high_tech_enterprise": False}, N, None, "not high-tech"),
    # DC-6 R&D funding: bands with an intensity each
    ("DC-6", rd(10 * M, 1_200_000), E, (100_000, 100_000), "10M at 12%"),
    ("DC-6", rd(10 * M, 1_199_999), N, None, "under 12%"),
    ("DC-6", rd(10 * M - 1, 1_200_000), N, None, "under 10M"),
    ("DC-6", rd(100 * M, 9 * M), E, (250_000, 250_000), "100M at 9%"),
    ("DC-6", rd(100 * M, 9 * M - 1), N, None, "100M under 9%"),
    ("DC-6", rd(1 * B, 60 * M), E, (500_000, 500_000), "1B at 6%"),
    ("DC-6", rd(10 * B - 1, 600 * M), E, (500_000, 500_000), "under 10B"),
    ("DC-6", rd(10 * B, 300 * M), E, (1 * M, 1 * M), "10B at 3%"),
    ("DC-6", rd(10 * B, 300 * M - 1), N, None, "10B under 3%"),
    ("DC-6", rd(0, 0), N, None, "no revenue"),
    # Chaoyang
    ("CY-1", CY1, E, (0, 10 * M), "AI commercialisation"),
    (
        "CY-1",
        {**CY1, "commercialization_project_investment": 0},
        N,
        None,
        "no investment",
    ),
    ("CY-1", {**CY1, "tech_fields": ["big_data"]}, N, None, "not AI"),
    ("CY-2", {**CY, "scenario_solution_selected": True}, E, (0, 2 * M), "selected"),
    ("CY-2", {**CY, "scenario_solution_selected": False}, N, None, "not selected"),
    ("CY-3", CY3, E, (3 * M, 3 * M), "30% of 10M"),
    (
        "CY-3",
        {**CY3, "demonstration_scenario_funds_raised": 20 * M},
        E,
        (5 * M, 5 * M),
        "cap",
    ),
    ("CY-3", {**CY3, "demonstration_scenario_funds_raised": 0}, N, None, "no funds"),
    ("CY-3", {**CY3, "demonstration_scenario_project": False}, N, None, "no project"),
    ("CY-4", {**CY, "sti_plan_project": True}, E, (0, 1 * M), "in the plan"),
    ("CY-4", {**CY, "sti_plan_project": False}, N, None, "not in the plan"),
    (
        "CY-5",
        {**CY, "national_sti_progress_awards": 1, "beijing_sti_progress_awards": 0},
        E,
        (0, 5 * M),
        "national",
    ),
    (
        "CY-5",
        {**CY, "national_sti_progress_awards": 0, "beijing_sti_progress_awards": 1},
        E,
        (0, 3 * M),
        "Beijing",
    ),
    (
        "CY-5",
        {**CY, "national_sti_progress_awards": 2, "beijing_sti_progress_awards": 1},
        E,
        (0, 13 * M),
        "three",
    ),
    (
        "CY-5",
        {**CY, "national_sti_progress_awards": 0, "beijing_sti_progress_awards": 0},
        N,
        None,
        "none",
    ),
    (
        "CY-5",
        {**CY, "national_sti_progress_awards": 1},
        Q,
        None,
        "Beijing awards missing",
    ),
    (
        "CY-6",
        {
            **CY,
            "rd_expense_latest_year": 3,
            "rd_expense_previous_year": 2,
            "rd_expense_two_years_ago": 1,
        },
        E,
        (0, 2 * M),
        "rising",
    ),
    (
        "CY-6",
        {
            **CY,
            "rd_expense_latest_year": 3,
            "rd_expense_previous_year": 3,
            "rd_expense_two_years_ago": 1,
        },
        N,
        None,
        "flat last year",
    ),
    (
        "CY-6",
        {
            **CY,
            "rd_expense_latest_year": 3,
            "rd_expense_previous_year": 2,
            "rd_expense_two_years_ago": 2,
        },
        N,
        None,
        "flat the year before",
    ),
    # Changping
    ("CP-1", {**CP, **FILING}, E, None, "filing with tutoring"),
    (
        "CP-1",
        {**CP, **FILING, "domestic_rd_share_pct": 49},
        N,
        None,
        "domestic share 49%",
    ),
    ("CP-1", {**BJ3}, N, None, "Haidian"),
    (
        "CP-2",
        {**CP2, "standards_international_top2": 1},
        E,
        (500_000, 500_000),
        "international",
    ),
    ("CP-2", {**CP2, "standards_national_top2": 1}, E, (300_000, 300_000), "national"),
    (
        "CP-2",
        {**CP2, "standards_industry_or_beijing_top2": 1},
        E,
        (100_000, 100_000),
        "industry",
    ),
    (
        "CP-2",
        {
            **CP2,
            "standards_international_top2": 1,
            "standards_national_top2": 1,
            "standards_industry_or_beijing_top2": 1,
        },
        E,
        (900_000, 900_000),
        "one of each",
    ),
    (
        "CP-2",
        {**CP2, "standards_international_top2": 2},
        E,
        (1 * M, 1 * M),
        "at the cap",
    ),
    (
        "CP-2",
        {**CP2, "standards_international_top2": 1, "standards_national_top2": 2},
        E,
        (1 * M, 1 * M),
        "over the cap",
    ),
    ("CP-2", CP2, N, None, "no standards"),
    (
        "CP-3a",
        {**CP, "special_funds_received": 5 * M},
        E,
        (500_000, 500_000),
        "10% of 5M",
    ),
    (
        "CP-3a",
        {**CP, "special_funds_received": 20 * M},
        E,
        (2 * M, 2 * M),
        "at the cap",
    ),
    (
        "CP-3a",
        {**CP, "special_funds_received": 30 * M},
        E,
        (2 * M, 2 * M),
        "over the cap",
    ),
    ("CP-3a", {**CP, "special_funds_received": 0}, N, None, "no funds"),
    (
        "CP-3a",
        {**CP, "special_funds_received": 5 * M, "high_tech_enterprise": False},
        N,
        None,
        "not high-tech",
    ),
    ("CP-3b", CP3B, E, (50_000, 50_000), "1M platform"),
    (
        "CP-3b",
        {**CP3B, "innovation_platform_total_investment": 1 * M - 1},
        N,
        None,
        "under 1M",
    ),
    (
        "CP-3b",
        {**CP3B, "innovation_platform_fixed_asset_investment": 10 * M},
        E,
        (1 * M, 1 * M),
        "at the cap",
    ),
    (
        "CP-3b",
        {**CP3B, "innovation_platform_fixed_asset_investment": 20 * M},
        E,
        (1 * M, 1 * M),
        "over the cap",
    ),
    ("CP-4", {**CP, "first_set_products_certified": 1}, E, (1 * M, 1 * M), "one"),
    ("CP-4", {**CP, "first_set_products_certified": 2}, E, (2 * M, 2 * M), "two"),
    (
        "CP-4",
        {**CP, "first_set_products_certified": 3},
        E,
        (2 * M, 2 * M),
        "three, capped",
    ),
    ("CP-4", {**CP, "first_set_products_certified": 0}, N, None, "none"),
    ("CP-5", {**CP, "tech_fields": ["5g"]}, E, None, "5G"),
    (
        "CP-5",
        {**CP, "tech_fields": ["life_sciences", "other"]},
        E,
        None,
        "life sciences",
    ),
    (
        "CP-5",
        {**CP, "tech_fields": ["integrated_circuits"]},
        N,
        None,
        "integrated circuits",
    ),
    (
        "CP-5",
        {**CP, "tech_fields": ["5g"], "high_tech_enterprise": False},
        N,
        None,
        "not high-tech",
    ),
]


@pytest.mark.parametrize(
    ("code", "facts", "status", "amount"),
    [
        pytest.param(code, facts, status, amount, id=f"{code} {name}")
        for code, facts, status, amount, name in CASES
    ],
)
def test_seed_policy_outcome_at_each_edge(code, facts, status, amount):
    outcome = seed_outcome(code, facts)
    assert outcome.status is status
    got = None if outcome.amount is None else (outcome.amount.min, outcome.amount.max)
    assert got == amount


def test_rent_subsidy_caps_area_at_3000_m2():
    outcome = seed_outcome("DC-2", {**DC2, "office_area_m2": 4000})
    assert outcome.amount.max == 225_000
    assert "30% × CNY 1,000,000 × 3,000 / 4,000 m²" in outcome.amount_text


def test_rent_subsidy_rounds_half_up_to_whole_yuan():
    facts = {**DC2, "years_since_settlement": 1, "office_rent_annual": 1_000_002.5}
    assert seed_outcome("DC-2", facts).amount.max == 200_001


def test_rent_subsidy_prorated_by_area_rounds_once_at_the_end():
    facts = {**DC2, "office_rent_annual": 95, "office_area_m2": 9000}
    assert seed_outcome("DC-2", facts).amount.max == 10


def test_milestone_incentive_pays_only_the_highest_milestone_crossed():
    outcome = seed_outcome("DC-3", milestone(6 * B, 400 * M))
    assert outcome.route.name == "Revenue exceeds CNY 5 billion for the first time"


def test_sustained_growth_leaves_exactly_one_billion_in_no_band():
    outcome = seed_outcome("DC-4", {**DC, **revenue(1 * B, 800 * M, 600 * M)})
    assert outcome.status is N
    assert all(route.met is False for route in outcome.routes)


def test_specialized_add_on_missing_keeps_scale_up_incentive_eligible():
    facts = {
        key: value for key, value in BJ1_B.items() if key != "specialized_sophisticated"
    }
    outcome = seed_outcome("BJ-1", facts)
    assert outcome.status is E
    assert (outcome.amount.min, outcome.amount.max) == (0, 500_000)
    assert outcome.missing == ("specialized_sophisticated",)


def test_platform_support_needs_the_fixed_asset_investment_it_pays_on():
    facts = {
        key: v
        for key, v in CP3B.items()
        if key != "innovation_platform_fixed_asset_investment"
    }
    outcome = seed_outcome("CP-3b", facts)
    assert outcome.status is Q
    assert outcome.missing == ("innovation_platform_fixed_asset_investment",)


def test_growth_on_zero_previous_revenue_is_not_met_and_says_why():
    outcome = seed_outcome("DC-4", {**DC, **revenue(39 * M, 0, 0)})
    growth = next(
        c for c in outcome.criteria if c.rule.fact == "revenue_growth_latest_pct"
    )
    assert growth.met is False
    assert "cannot be worked out, as Revenue in the previous year is 0" in growth.text


def test_first_quarter_growth_on_zero_base_is_not_met():
    outcome = seed_outcome("BJ-2", {**BJ2, **revenue(1 * B, 1 * B)})
    assert outcome.status is N
    q1 = next(c for c in outcome.criteria if c.rule.fact == "revenue_q1_growth_pct")
    assert q1.met is False


@pytest.mark.parametrize("code", ["DC-1", "DC-2", "DC-3", "DC-4", "DC-5", "DC-6"])
def test_dongcheng_policies_refuse_other_districts_and_outside_beijing(code):
    assert seed_outcome(code, {"district": "xicheng"}).status is N
    assert seed_outcome(code, {"district": "outside_beijing"}).status is N


@pytest.mark.parametrize("code", ["BJ-1", "BJ-2", "BJ-3"])
def test_municipal_policies_refuse_enterprises_outside_beijing(code):
    assert seed_outcome(code, {"district": "outside_beijing"}).status is N


def test_every_seed_policy_requires_registration_in_beijing():
    for policy in seed_rule_set().policies:
        facts = [(c.fact, c.operator.value, c.value) for c in policy.criteria]
        assert ("in_beijing", "==", True) in facts, policy.code
        if policy.region != "beijing":
            assert ("district", "==", policy.region) in facts, policy.code
