"""What an undecided policy could be worth, read from the seed rule data, and which
missing answers could raise the estimate."""

import json
from decimal import Decimal

from policies.rules.amounts import Amount
from policies.rules.potential import could_be_worth, prospects, upper_bound
from tests.seed import DATA, assess_seed, seed_outcome, seed_rule_set

DONGCHENG_SETTLED = {
    "district": "dongcheng",
    "district_key_enterprise": True,
    "years_since_settlement": 0,
}
CHANGPING = next(
    e
    for e in json.loads((DATA / "enterprises.json").read_text())
    if e["key"] == "changping_start_up"
)


def worth(code: str, facts: dict) -> Amount | None:
    return could_be_worth(seed_outcome(code, facts))


def test_a_rent_subsidy_without_the_rent_is_worth_up_to_its_cap():
    assert worth("DC-2", {**DONGCHENG_SETTLED, "office_area_m2": 1500}) == Amount(
        0, 3_000_000
    )


def test_a_rent_subsidy_with_the_rent_is_worth_what_the_rent_gives():
    facts = {
        **DONGCHENG_SETTLED,
        "office_rent_annual": 3_000_000,
        "office_area_m2": 1500,
    }
    facts.pop("district_key_enterprise")
    assert worth("DC-2", facts) == Amount(0, 900_000)


def test_a_rent_subsidy_whose_year_is_unknown_is_tried_at_its_best_rate():
    facts = {
        "district": "dongcheng",
        "district_key_enterprise": True,
        "office_rent_annual": 3_000_000,
    }
    assert worth("DC-2", facts) == Amount(0, 900_000)


def test_a_route_with_no_cap_and_a_figure_missing_has_no_ceiling():
    route = next(r for r in seed_rule_set().policies if r.code == "CY-5").routes[0]
    values = seed_outcome("CY-5", {"district": "chaoyang"}).values
    assert upper_bound(route.amount, values) is None
    assert worth("CY-5", {"district": "chaoyang"}) is None


def test_a_benefit_that_is_not_money_is_worth_no_money():
    assert worth("CP-5", {"district": "changping"}) is None


def test_a_policy_that_is_not_eligible_is_worth_nothing():
    assert (
        worth("DC-5", {"district": "dongcheng", "high_tech_enterprise": False}) is None
    )


def test_an_answer_that_could_beat_the_best_amount_raises_the_estimate():
    found = prospects(assess_seed(CHANGPING["profile"]))
    assert [(p.outcome.code, p.worth) for p in found] == [
        ("CP-3a", Amount(0, 2_000_000))
    ]


def test_an_answer_that_cannot_beat_the_best_amount_does_not():
    facts = {**CHANGPING["profile"], "first_set_products_certified": 2}
    assert prospects(assess_seed(facts)) == []  # CP-4 at CNY 2,000,000 already


def test_nothing_eligible_yet_any_money_could_raise_it():
    found = prospects(assess_seed({"district": "dongcheng"}))
    worths = {p.outcome.code: p.worth for p in found}
    assert found[0].outcome.code == "BJ-2"  # up to CNY 30,000,000, the most
    assert worths["DC-1"] == Amount(0, Decimal(5_000_000))
    assert worths["DC-2"] == Amount(0, Decimal(3_000_000))
    ceilings = [p.worth.max for p in found if p.worth]
    assert ceilings == sorted(ceilings, reverse=True)
