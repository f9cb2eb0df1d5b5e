"""The JSON contract: keys, whole-yuan integers, null for unknown, and open data."""

import json

from policies.rules import serialize
from tests.seed import assess_seed, seed_rule_set

PROFILE = {
    "district": "dongcheng",
    "years_since_settlement": 0,
    "revenue_latest_year": 150_000_000,
    "high_tech_enterprise": True,
    "equity_investment_this_year": 120_000_000,
}


def test_assessment_follows_the_contract():
    result = serialize.assessment(assess_seed(PROFILE))
    assert set(result) == {"results", "most_favorable", "estimate"}
    assert result["most_favorable"] == "DC-1"
    assert result["estimate"] == {"min": 1_000_000, "max": 3_000_000}
    dc1 = next(r for r in result["results"] if r["code"] == "DC-1")
    assert dc1["status"] == "eligible"
    assert dc1["region"] == "dongcheng"
    assert dc1["amount"] == {"min": 1_000_000, "max": 3_000_000}
    assert type(dc1["amount"]["min"]) is int
    assert dc1["reference_only"] is False
    band = next(
        c
        for c in dc1["criteria"]
        if c["route"] and c["operator"] == ">=" and c["value"] == 100_000_000
    )
    assert band == {
        "fact": "revenue_latest_year",
        "operator": ">=",
        "value": 100_000_000,
        "actual": 150_000_000,
        "met": True,
        "text": (
            "Revenue in the latest year: CNY 150,000,000; "
            "needs CNY 100,000,000 or more: met"
        ),
        "route": "Revenue CNY 100 million to 1 billion",
    }
    json.dumps(result)


def test_displaced_alternatives_and_unknown_values_are_marked():
    result = serialize.assessment(assess_seed(PROFILE))
    dc5 = next(r for r in result["results"] if r["code"] == "DC-5")
    assert dc5["displaced_by"] == "DC-1"
    dc6 = next(r for r in result["results"] if r["code"] == "DC-6")
    assert dc6["status"] == "needs_info"
    assert dc6["amount"] is None
    assert dc6["missing"] == ["rd_expense_latest_year"]
    intensity = next(c for c in dc6["criteria"] if c["fact"] == "rd_intensity_pct")
    assert intensity["actual"] is None and intensity["met"] is None


def test_reference_only_policies_are_flagged():
    result = serialize.assessment(assess_seed({}))
    flags = {r["code"]: r["reference_only"] for r in result["results"]}
    assert flags["CY-3"] is True and flags["DC-1"] is False


def test_policy_rules_as_open_data_name_their_amount_parameters():
    rules = {p.code: serialize.policy_rule(p) for p in seed_rule_set().policies}
    (route,) = rules["DC-2"]["routes"]
    assert route["amount"] == {
        "kind": "rate_schedule",
        "up_to": False,
        "base_fact": "office_rent_annual",
        "cap": 3_000_000,
        "schedule_fact": "years_since_settlement",
        "schedule": [
            {"at": 0, "rate_pct": 30},
            {"at": 1, "rate_pct": 20},
            {"at": 2, "rate_pct": 10},
        ],
        "limit_fact": "office_area_m2",
        "limit": 3000,
    }
    assert rules["DC-1"]["route_mode"] == "bands"
    json.dumps(rules)
