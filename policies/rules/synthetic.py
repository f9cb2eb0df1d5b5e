"""Synthetic rule sets for timing the engine at scale.

Policies are spread over regions as the guide's are (one in seven municipal, the
rest over three districts) and take the guide's shapes in turn: revenue bands,
percentages with a cap, sums of terms, rate schedules, milestones, add-ons and
non-monetary benefits. Thresholds are random, seeded, and mean nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from .amounts import AmountRule, Rate, Term
from .criteria import CriterionRule
from .definitions import PolicyRule, RouteRule
from .vocabulary import AmountKind, Operator, RouteMode, RouteRole

REGIONS = ("beijing",) + ("dongcheng", "chaoyang", "changping") * 2
MILLION = 1_000_000

# A rich profile for a Dongcheng firm: most criteria it meets get evaluated in full.
BENCHMARK_PROFILE: dict[str, object] = {
    "district": "dongcheng",
    "years_in_business": 6,
    "years_since_settlement": 1,
    "enterprise_type": "research_and_development",
    "above_designated_size": True,
    "industry_code": "65",
    "tech_fields": ["artificial_intelligence", "big_data"],
    "high_tech_enterprise": True,
    "specialized_sophisticated": True,
    "district_key_enterprise": True,
    "revenue_latest_year": 420 * MILLION,
    "revenue_previous_year": 300 * MILLION,
    "revenue_two_years_ago": 240 * MILLION,
    "highest_revenue_before_latest_year": 300 * MILLION,
    "rd_expense_latest_year": 40 * MILLION,
    "rd_expense_previous_year": 30 * MILLION,
    "rd_expense_two_years_ago": 25 * MILLION,
    "domestic_rd_share_pct": 80,
    "equity_investment_this_year": 90 * MILLION,
    "office_rent_annual": 6 * MILLION,
    "office_area_m2": 4500,
    "standards_national_top2": 1,
    "standards_international_top2": 0,
    "standards_industry_or_beijing_top2": 2,
}

Shape = Callable[
    [random.Random], tuple[tuple[CriterionRule, ...], tuple[RouteRule, ...]]
]


def _money(rng: random.Random, low: int, high: int) -> int:
    return rng.randint(low, high) * MILLION


def _c(fact: str, op: Operator, value: object) -> CriterionRule:
    return CriterionRule(fact, op, value)


def _fixed(amount: int) -> AmountRule:
    return AmountRule(AmountKind.FIXED, amount=Decimal(amount))


def _bands(rng: random.Random) -> tuple:
    edges = sorted(rng.sample(range(10, 2000), 4))
    routes = tuple(
        RouteRule(
            f"band {i}",
            _fixed(100_000 * (i + 1)),
            (
                _c("revenue_latest_year", Operator.GTE, low * MILLION),
                _c("revenue_latest_year", Operator.LT, high * MILLION),
                _c("rd_intensity_pct", Operator.GTE, rng.randint(3, 12)),
            ),
        )
        for i, (low, high) in enumerate(zip(edges, edges[1:], strict=False))
    )
    return (), routes


def _percentage(rng: random.Random) -> tuple:
    amount = AmountRule(
        AmountKind.PERCENTAGE,
        rate_pct=Decimal(rng.choice((1, 5, 10, 30))),
        base_fact="equity_investment_this_year",
        cap=Decimal(_money(rng, 1, 5)),
    )
    criteria = (
        _c("high_tech_enterprise", Operator.EQ, True),
        _c("equity_investment_this_year", Operator.GTE, _money(rng, 10, 100)),
    )
    return criteria, (RouteRule("share", amount),)


def _sum_of_terms(rng: random.Random) -> tuple:
    terms = (
        Term("standards_international_top2", Decimal(500_000)),
        Term("standards_national_top2", Decimal(300_000)),
        Term("standards_industry_or_beijing_top2", Decimal(100_000)),
    )
    amount = AmountRule(
        AmountKind.SUM_OF_TERMS, terms=terms, cap=Decimal(_money(rng, 1, 2))
    )
    criteria = (_c("standards_top2_total", Operator.GTE, rng.randint(1, 3)),)
    return criteria, (RouteRule("per standard", amount),)


def _schedule(rng: random.Random) -> tuple:
    amount = AmountRule(
        AmountKind.RATE_SCHEDULE,
        base_fact="office_rent_annual",
        schedule_fact="years_since_settlement",
        schedule=tuple(Rate(Decimal(at), Decimal(30 - 10 * at)) for at in range(3)),
        limit_fact="office_area_m2",
        limit=Decimal(rng.randint(1000, 5000)),
        cap=Decimal(_money(rng, 1, 3)),
    )
    criteria = (
        _c("district_key_enterprise", Operator.EQ, True),
        _c("years_since_settlement", Operator.LTE, 2),
    )
    return criteria, (RouteRule("rent", amount),)


def _milestones(rng: random.Random) -> tuple:
    steps = sorted(rng.sample(range(50, 5000), 4))
    routes = tuple(
        RouteRule(
            f"milestone {step}",
            _fixed(step * 1000),
            (
                _c("revenue_latest_year", Operator.GT, step * MILLION),
                _c("highest_revenue_before_latest_year", Operator.LTE, step * MILLION),
            ),
        )
        for step in steps
    )
    return (), routes


def _with_add_on(rng: random.Random) -> tuple:
    routes = (
        RouteRule(
            "branch",
            AmountRule(AmountKind.UP_TO, amount=Decimal(_money(rng, 1, 10))),
            (
                _c("industry_code", Operator.IN, ["64", "65"]),
                _c("revenue_latest_year", Operator.GTE, _money(rng, 50, 500)),
            ),
        ),
        RouteRule(
            "extra",
            _fixed(200_000),
            (_c("specialized_sophisticated", Operator.EQ, True),),
            RouteRole.ADD_ON,
        ),
    )
    return (_c("above_designated_size", Operator.EQ, True),), routes


def _non_monetary(rng: random.Random) -> tuple:
    criteria = (
        _c("enterprise_type", Operator.IN, ["production", "research_and_development"]),
        _c("tech_fields", Operator.HAS_ANY, ["artificial_intelligence", "blockchain"]),
        _c("years_in_business", Operator.GT, rng.randint(1, 8)),
        _c("domestic_rd_share_pct", Operator.GTE, rng.randint(30, 90)),
    )
    return criteria, (RouteRule("filing", AmountRule(AmountKind.NON_MONETARY)),)


SHAPES: tuple[Shape, ...] = (
    _bands,
    _percentage,
    _sum_of_terms,
    _schedule,
    _milestones,
    _with_add_on,
    _non_monetary,
)


def synthetic_policies(count: int, *, seed: int = 0) -> list[PolicyRule]:
    """``count`` policies of the guide's shapes, reproducible for a given seed."""
    rng = random.Random(seed)
    policies = []
    for index in range(count):
        region = REGIONS[index % len(REGIONS)]
        shape = SHAPES[(index // len(REGIONS)) % len(SHAPES)]
        location = [_c("in_beijing", Operator.EQ, True)]
        if region != "beijing":
            location.append(_c("district", Operator.EQ, region))
        criteria, routes = shape(rng)
        policies.append(
            PolicyRule(
                code=f"S-{index + 1}",
                title=f"Synthetic policy {index + 1}",
                region=region,
                criteria=tuple(location) + criteria,
                routes=routes,
                route_mode=RouteMode.BANDS if shape is _bands else RouteMode.BEST_OF,
                band_fact="revenue_latest_year" if shape is _bands else "",
                stacking_group=f"group {index % 50}",
            )
        )
    return policies
