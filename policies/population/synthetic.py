"""Synthetic registries: plausible enterprises for trying runs and timing them.

Every profile is generated from a seeded ``random.Random``, so a size and a seed
always give the same registry. Nothing here describes a real enterprise: codes
start with ``SYN-`` and every page that shows such a population says it is
synthetic. The distributions, per enterprise:

- **District**: ``DISTRICT_WEIGHTS`` (per cent), Haidian and Chaoyang first as in
  Beijing's AI industry; 2 % are registered outside Beijing.
- **Size**: micro 60 %, small 25 %, medium 11 %, large 4 %; latest-year revenue
  is log-uniform within the size's range (``SIZES``), times the district's factor
  (``DISTRICT_SCALE``: 1.5 in the four central districts, 0.7 in the outer ones).
- **History**: years in business 0 to 30 (skewed young); settled in the district
  within them. Revenue of each earlier year is the later one divided by a growth
  factor between 0.8 and 1.6.
- **Research**: R&D expense 1 % to 25 % of revenue; 60 % to 100 % spent in China.
- **Recognitions**: high-tech 45 % (70 % for medium and large), specialized and
  sophisticated 10 %, district key enterprise 5 %; above designated size when
  revenue reaches CNY 20 million, newly so in 15 % of those.
- **Optional answers**, each present with its ``TOPIC_SHARE``: employees, first
  quarter revenue, equity investment, office premises, projects, standards,
  awards, certified products, AI scenarios. One enterprise in ten leaves its
  latest revenue blank, as registries have gaps.

Profiles are raw (JSON-like: ints, bools, strings, lists), as an uploaded file
gives them, so they go through ``profile.parse`` like any other.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

SYNTHETIC_PREFIX = "SYN-"
MILLION = 1_000_000

DISTRICT_WEIGHTS: dict[str, int] = {
    "haidian": 34,
    "chaoyang": 18,
    "dongcheng": 6,
    "xicheng": 6,
    "changping": 8,
    "fengtai": 5,
    "daxing": 5,
    "tongzhou": 4,
    "shijingshan": 3,
    "shunyi": 3,
    "fangshan": 1,
    "mentougou": 1,
    "huairou": 1,
    "pinggu": 1,
    "miyun": 1,
    "yanqing": 1,
    "outside_beijing": 2,
}
CENTRAL = frozenset({"haidian", "chaoyang", "dongcheng", "xicheng"})
OUTER = frozenset({"fangshan", "mentougou", "huairou", "pinggu", "miyun", "yanqing"})
# (name, share in per cent, lowest and highest latest-year revenue in CNY)
SIZES = (
    ("micro", 60, 100_000, 5 * MILLION),
    ("small", 25, 5 * MILLION, 50 * MILLION),
    ("medium", 11, 50 * MILLION, 500 * MILLION),
    ("large", 4, 500 * MILLION, 50_000 * MILLION),
)
TOPIC_SHARE = {
    "employees": 0.8,
    "quarter": 0.4,
    "equity": 0.15,
    "premises": 0.5,
    "projects": 0.08,
    "standards": 0.1,
    "awards": 0.04,
    "certified": 0.05,
    "scenarios": 0.12,
}
INDUSTRY_CODES = ("65", "64", "65", "65", "64", "73", "39", "35", "10", "71")
OTHER_FIELDS = (
    "integrated_circuits",
    "biomedicine",
    "key_materials",
    "5g",
    "internet_of_things",
    "big_data",
    "blockchain",
    "life_sciences",
    "new_materials",
    "other",
)
ABOVE_SIZE_REVENUE = 20 * MILLION


def district_scale(district: str) -> float:
    """How much larger than the city's typical firm a district's firms are."""
    if district in CENTRAL:
        return 1.5
    return 0.7 if district in OUTER else 1.0


def synthetic_profiles(size: int, *, seed: int = 0) -> Iterator[tuple[str, dict]]:
    """``size`` pairs of (code, raw profile), the same for the same seed."""
    rng = random.Random(seed)
    districts = list(DISTRICT_WEIGHTS)
    weights = list(DISTRICT_WEIGHTS.values())
    for index in range(size):
        district = rng.choices(districts, weights)[0]
        code = f"{SYNTHETIC_PREFIX}{index + 1:07d}"
        yield code, _profile(rng, district)


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def _profile(rng: random.Random, district: str) -> dict[str, object]:
    size, _share, low, high = rng.choices(SIZES, [s[1] for s in SIZES])[0]
    revenue = int(_log_uniform(rng, low, high) * district_scale(district))
    years = min(30, int(rng.expovariate(1 / 6)))
    previous = int(revenue / rng.uniform(0.8, 1.6))
    before = int(previous / rng.uniform(0.8, 1.6))
    intensity = rng.uniform(0.01, 0.25)
    big = size in ("medium", "large")
    profile: dict[str, object] = {
        "district": district,
        "years_in_business": years,
        "years_since_settlement": rng.randint(0, years),
        "enterprise_type": rng.choices(
            ("production", "research_and_development", "other"), (3, 5, 2)
        )[0],
        "industry_code": rng.choice(INDUSTRY_CODES),
        "advanced_manufacturing": rng.random() < 0.1,
        "tech_fields": _tech_fields(rng),
        "above_designated_size": revenue >= ABOVE_SIZE_REVENUE,
        "newly_above_designated_size": revenue >= ABOVE_SIZE_REVENUE
        and rng.random() < 0.15,
        "high_tech_enterprise": rng.random() < (0.7 if big else 0.45),
        "specialized_sophisticated": rng.random() < 0.1,
        "district_key_enterprise": rng.random() < 0.05,
        "revenue_previous_year": previous,
        "revenue_two_years_ago": before,
        "highest_revenue_before_latest_year": max(previous, before),
        "rd_expense_latest_year": int(revenue * intensity),
        "rd_expense_previous_year": int(previous * intensity * rng.uniform(0.8, 1.1)),
        "rd_expense_two_years_ago": int(before * intensity * rng.uniform(0.8, 1.1)),
        "domestic_rd_share_pct": rng.randint(60, 100),
    }
    if rng.random() >= 0.1:
        profile["revenue_latest_year"] = revenue
    if profile["advanced_manufacturing"]:
        profile["output_value_latest_year"] = int(revenue * rng.uniform(0.8, 1.2))
        profile["highest_output_value_before_latest_year"] = int(previous * 1.05)
    for topic, share in TOPIC_SHARE.items():
        if rng.random() < share:
            profile.update(_TOPICS[topic](rng, revenue))
    return profile


def _tech_fields(rng: random.Random) -> list[str]:
    fields = rng.sample(OTHER_FIELDS, rng.randint(0, 2))
    if rng.random() < 0.8:
        fields.insert(0, "artificial_intelligence")
    return fields


def _employees(rng: random.Random, revenue: int) -> dict[str, object]:
    now = max(1, int(revenue / rng.uniform(300_000, 1_500_000)))
    return {
        "insured_employees_now": now,
        "insured_employees_previous_year_end": int(now * rng.uniform(0.8, 1.2)),
    }


def _quarter(rng: random.Random, revenue: int) -> dict[str, object]:
    this_year = int(revenue / 4 * rng.uniform(0.7, 1.5))
    return {
        "revenue_q1_current_year": this_year,
        "revenue_q1_previous_year": int(this_year / rng.uniform(0.8, 1.5)),
    }


def _equity(rng: random.Random, revenue: int) -> dict[str, object]:
    return {
        "equity_investment_this_year": int(_log_uniform(rng, MILLION, 500 * MILLION))
    }


def _premises(rng: random.Random, revenue: int) -> dict[str, object]:
    area = int(_log_uniform(rng, 50, 20_000))
    return {
        "office_area_m2": area,
        "office_rent_annual": int(area * rng.uniform(1500, 4000)),
    }


def _projects(rng: random.Random, revenue: int) -> dict[str, object]:
    total = int(_log_uniform(rng, MILLION, 200 * MILLION))
    return {
        "special_funds_received": int(_log_uniform(rng, 500_000, 50 * MILLION)),
        "innovation_platform_total_investment": total,
        "innovation_platform_fixed_asset_investment": int(
            total * rng.uniform(0.2, 0.8)
        ),
    }


def _standards(rng: random.Random, revenue: int) -> dict[str, object]:
    return {
        "standards_international_top2": rng.choices((0, 1, 2), (8, 2, 1))[0],
        "standards_national_top2": rng.choices((0, 1, 2, 3), (4, 4, 2, 1))[0],
        "standards_industry_or_beijing_top2": rng.randint(0, 4),
    }


def _awards(rng: random.Random, revenue: int) -> dict[str, object]:
    return {
        "national_sti_progress_awards": rng.choices((0, 1), (3, 1))[0],
        "beijing_sti_progress_awards": rng.randint(0, 2),
    }


def _certified(rng: random.Random, revenue: int) -> dict[str, object]:
    return {"first_set_products_certified": rng.randint(1, 3)}


def _scenarios(rng: random.Random, revenue: int) -> dict[str, object]:
    demonstration = rng.random() < 0.4
    answers: dict[str, object] = {
        "commercialization_project_investment": int(
            _log_uniform(rng, 500_000, 100 * MILLION)
        ),
        "scenario_solution_selected": rng.random() < 0.3,
        "demonstration_scenario_project": demonstration,
        "sti_plan_project": rng.random() < 0.3,
    }
    if demonstration:
        answers["demonstration_scenario_funds_raised"] = int(
            _log_uniform(rng, MILLION, 100 * MILLION)
        )
    return answers


_TOPICS = {
    "employees": _employees,
    "quarter": _quarter,
    "equity": _equity,
    "premises": _premises,
    "projects": _projects,
    "standards": _standards,
    "awards": _awards,
    "certified": _certified,
    "scenarios": _scenarios,
}
