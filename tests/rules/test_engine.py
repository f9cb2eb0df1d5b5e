"""The engine on small hand-made rule sets: routes, add-ons, missing facts, the
district shortcut, near misses and non-stacking."""

from decimal import Decimal

import pytest

from policies.rules.amounts import Amount
from policies.rules.engine import (
    AmountRule,
    CriterionRule,
    PolicyRule,
    RouteRule,
    RuleSet,
    assess,
)
from policies.rules.errors import RuleError
from policies.rules.profile import parse
from policies.rules.vocabulary import AmountKind, RouteRole, Status

IN_BEIJING = CriterionRule("in_beijing", "==", True)


def fixed(amount: int) -> AmountRule:
    return AmountRule(AmountKind.FIXED, amount=Decimal(amount))


def up_to(amount: int) -> AmountRule:
    return AmountRule(AmountKind.UP_TO, amount=Decimal(amount))


def revenue_at_least(amount: int) -> CriterionRule:
    return CriterionRule("revenue_latest_year", ">=", amount)


def policy(code: str, *routes: RouteRule, criteria=(), **options) -> PolicyRule:
    return PolicyRule(
        code, f"Policy {code}", "beijing", (IN_BEIJING, *criteria), routes, **options
    )


def route(amount: AmountRule, *criteria: CriterionRule, role="route") -> RouteRule:
    return RouteRule(f"pays {amount.amount}", amount, criteria, role)


def run(policies, **facts):
    return assess(parse({"district": "haidian", **facts}), RuleSet(policies))


def test_the_route_with_the_highest_maximum_gives_the_amount():
    rules = [policy("P", route(fixed(600_000)), route(up_to(1_000_000)))]
    outcome = run(rules).outcome("P")
    assert outcome.amount == Amount(0, 1_000_000)
    assert outcome.route.name == "pays 1000000"


def test_equal_maximums_go_to_the_higher_minimum():
    rules = [policy("P", route(up_to(500_000)), route(fixed(500_000)))]
    assert run(rules).outcome("P").amount == Amount(500_000, 500_000)


def test_an_add_on_that_holds_is_added_to_the_chosen_route():
    extra = route(
        fixed(200_000), CriterionRule("high_tech_enterprise", "==", True), role="add_on"
    )
    rules = [policy("P", route(up_to(500_000)), extra)]
    assert run(rules, high_tech_enterprise=True).outcome("P").amount == Amount(
        200_000, 700_000
    )
    assert run(rules, high_tech_enterprise=False).outcome("P").amount == Amount(
        0, 500_000
    )


def test_an_add_on_alone_does_not_make_a_policy_eligible():
    extra = route(fixed(200_000), role="add_on")
    rules = [policy("P", route(fixed(1), revenue_at_least(10)), extra)]
    assert run(rules, revenue_latest_year=5).outcome("P").status is Status.NOT_ELIGIBLE


def test_unknown_policy_criteria_leave_it_undecided_even_when_a_route_holds():
    rules = [policy("P", route(fixed(1)), criteria=[revenue_at_least(10)])]
    outcome = assess(parse({}), RuleSet(rules)).outcome("P")
    assert outcome.status is Status.NEEDS_INFO
    assert outcome.missing == ("district", "revenue_latest_year")
    assert outcome.amount is None


def test_every_route_failing_settles_it_even_with_facts_missing():
    rules = [policy("P", route(fixed(1), revenue_at_least(10)))]
    outcome = assess(parse({"revenue_latest_year": 5}), RuleSet(rules)).outcome("P")
    assert outcome.status is Status.NOT_ELIGIBLE
    assert outcome.missing == ()


def test_an_undecided_route_that_could_pay_more_is_named_in_missing():
    rules = [
        policy(
            "P",
            route(fixed(100), revenue_at_least(10)),
            route(fixed(900), CriterionRule("high_tech_enterprise", "==", True)),
            route(fixed(50), CriterionRule("sti_plan_project", "==", True)),
        )
    ]
    outcome = run(rules, revenue_latest_year=20).outcome("P")
    assert outcome.status is Status.ELIGIBLE
    assert outcome.missing == ("high_tech_enterprise",)


def test_a_policy_of_another_district_is_settled_without_evaluation_but_explained():
    local = policy(
        "P", route(fixed(1)), criteria=[CriterionRule("district", "==", "chaoyang")]
    )
    outcome = run([local]).outcome("P")
    assert outcome.status is Status.NOT_ELIGIBLE
    district = next(c for c in outcome.criteria if c.rule.fact == "district")
    assert district.met is False
    assert "Haidian District" in district.text


def test_a_near_miss_is_one_failed_number_with_its_shortfall():
    rules = [policy("P", route(fixed(1), revenue_at_least(30_000_000)))]
    miss = run(rules, revenue_latest_year=25_000_000).outcome("P").near_miss
    assert miss.shortfall == 5_000_000
    assert miss.route == "pays 1"
    assert miss.text.endswith("CNY 5,000,000 short")


def test_two_failures_or_a_failed_yes_no_are_not_near_misses():
    two = [
        policy(
            "P",
            route(
                fixed(1), revenue_at_least(30), CriterionRule("office_area_m2", ">", 5)
            ),
        )
    ]
    assert (
        run(two, revenue_latest_year=1, office_area_m2=1).outcome("P").near_miss is None
    )
    yes_no = [
        policy(
            "P",
            route(fixed(1)),
            criteria=[CriterionRule("sti_plan_project", "==", True)],
        )
    ]
    assert run(yes_no, sti_plan_project=False).outcome("P").near_miss is None


def test_the_closest_route_is_the_one_with_the_smallest_relative_shortfall():
    rules = [
        policy(
            "P",
            route(fixed(5_000_000), revenue_at_least(1_000_000_000)),
            route(fixed(500_000), revenue_at_least(30_000_000)),
        )
    ]
    miss = run(rules, revenue_latest_year=25_000_000).outcome("P").near_miss
    assert miss.route == "pays 500000"


def test_only_the_most_favorable_of_a_group_counts_and_the_rest_are_displaced():
    rules = [
        policy("A", route(fixed(300)), stacking_group="g"),
        policy("B", route(up_to(500)), stacking_group="g"),
        policy("C", route(fixed(500)), stacking_group="g"),
        policy("D", route(AmountRule(AmountKind.NON_MONETARY)), stacking_group="g"),
        policy("E", route(fixed(40))),
        policy("F", route(fixed(7)), stacking_group="h"),
    ]
    assessment = run(rules)
    assert assessment.most_favorable.code == "C"
    assert assessment.estimate == Amount(500 + 40 + 7, 500 + 40 + 7)
    displaced = {o.code: o.displaced_by for o in assessment.results}
    assert displaced == {"A": "C", "B": "C", "C": None, "D": None, "E": None, "F": None}


def test_ties_go_to_the_first_policy_in_the_guide_order():
    rules = [
        policy("X", route(fixed(500)), stacking_group="g"),
        policy("Y", route(fixed(500)), stacking_group="g"),
    ]
    assessment = run(rules)
    assert assessment.most_favorable.code == "X"
    assert assessment.outcome("Y").displaced_by == "X"


def test_nothing_monetary_eligible_means_no_favorite_and_no_estimate():
    assessment = run([policy("P", route(AmountRule(AmountKind.NON_MONETARY)))])
    assert assessment.outcome("P").status is Status.ELIGIBLE
    assert assessment.most_favorable is None
    assert assessment.estimate is None


def test_route_results_say_which_criteria_failed():
    rules = [policy("P", route(fixed(1), revenue_at_least(10)), route(fixed(2)))]
    routes = run(rules, revenue_latest_year=5).outcome("P").routes
    assert [r.met for r in routes] == [False, True]
    assert [c.rule.fact for c in routes[0].failed] == ["revenue_latest_year"]
    assert routes[1].chosen


@pytest.mark.parametrize(
    "broken",
    [
        policy("P"),
        policy("P", route(fixed(1), CriterionRule("no_such_fact", "==", 1))),
        policy(
            "P",
            route(AmountRule(AmountKind.NON_MONETARY)),
            route(AmountRule(AmountKind.NON_MONETARY), role=RouteRole.ADD_ON),
        ),
        policy("P", route(AmountRule(AmountKind.FIXED))),
    ],
)
def test_a_rule_set_refuses_broken_rules_naming_the_policy(broken):
    with pytest.raises(RuleError, match="^P: "):
        RuleSet([broken])


@pytest.mark.parametrize(
    ("revenue", "near"),
    [(24_000_000, True), (23_999_999, False), (6_000_000, False), (0, False)],
)
def test_a_near_miss_is_within_a_fifth_of_the_threshold(revenue, near):
    rules = [policy("P", route(fixed(1), revenue_at_least(30_000_000)))]
    miss = run(rules, revenue_latest_year=revenue).outcome("P").near_miss
    assert (miss is not None) is near


def test_more_than_zero_missed_with_zero_is_no_near_miss():
    rules = [
        policy(
            "P", route(fixed(1)), criteria=[CriterionRule("office_rent_annual", ">", 0)]
        )
    ]
    assert run(rules, office_rent_annual=0).outcome("P").near_miss is None


def test_a_rule_set_can_be_given_a_wider_near_miss_margin():
    rules = [policy("P", route(fixed(1), revenue_at_least(30_000_000)))]
    profile = parse({"district": "haidian", "revenue_latest_year": 18_000_000})
    assert assess(profile, RuleSet(rules)).outcome("P").near_miss is None
    wider = RuleSet(rules, near_miss_margin=Decimal("0.5"))
    assert assess(profile, wider).outcome("P").near_miss.shortfall == 12_000_000


def standards_at_least(count: int) -> CriterionRule:
    return CriterionRule("standards_national_top2", ">=", count)


@pytest.mark.parametrize(("standards", "near"), [(1, True), (0, False)])
def test_a_count_one_short_is_a_near_miss(standards, near):
    rules = [policy("P", route(fixed(1), standards_at_least(2)))]
    miss = run(rules, standards_national_top2=standards).outcome("P").near_miss
    assert (miss is not None) is near


def test_none_at_all_is_never_a_near_miss_even_one_short():
    rules = [policy("P", route(fixed(1), standards_at_least(1)))]
    assert run(rules, standards_national_top2=0).outcome("P").near_miss is None
