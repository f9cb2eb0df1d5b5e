"""Criteria: three-valued evaluation, the shortfall, and refusing rules that cannot
be evaluated."""

from decimal import Decimal

import pytest

from policies.rules.criteria import CriterionRule, check, evaluate, shortfall
from policies.rules.errors import RuleError
from policies.rules.facts import derive
from policies.rules.vocabulary import Operator


def rule(fact, op, value) -> CriterionRule:
    return check(CriterionRule(fact, op, value))


def values(**facts):
    return derive(
        {k: Decimal(v) if isinstance(v, int) else v for k, v in facts.items()}
    )


@pytest.mark.parametrize(
    ("op", "actual", "met"),
    [
        (">=", 29, False),
        (">=", 30, True),
        (">", 30, False),
        (">", 31, True),
        ("<=", 30, True),
        ("<=", 31, False),
        ("<", 30, False),
        ("<", 29, True),
        ("==", 30, True),
        ("!=", 30, False),
    ],
)
def test_ordering_operators_on_both_sides_of_the_bound(op, actual, met):
    assert (
        evaluate(
            rule("revenue_latest_year", op, 30), values(revenue_latest_year=actual)
        )
        is met
    )


def test_a_missing_fact_is_unknown():
    assert evaluate(rule("revenue_latest_year", ">=", 1), values()) is None


def test_a_derived_fact_missing_an_input_is_unknown():
    criterion = rule("rd_intensity_pct", ">=", 3)
    assert evaluate(criterion, values(rd_expense_latest_year=5)) is None


def test_a_derived_fact_dividing_by_zero_is_not_met():
    criterion = rule("rd_intensity_pct", ">=", 3)
    facts = values(rd_expense_latest_year=5, revenue_latest_year=0)
    assert evaluate(criterion, facts) is False


def test_zero_over_zero_is_a_zero_divisor_too():
    criterion = rule("revenue_growth_latest_pct", "<", 1000)
    facts = values(revenue_latest_year=0, revenue_previous_year=0)
    assert evaluate(criterion, facts) is False


def test_choices_sets_and_codes():
    tech = values(tech_fields=frozenset({"5g"}))
    assert evaluate(rule("tech_fields", "has_any", ["5g", "big_data"]), tech) is True
    assert evaluate(rule("tech_fields", "has_any", ["blockchain"]), tech) is False
    code = values(industry_code="65")
    assert evaluate(rule("industry_code", "in", ["64", "65"]), code) is True
    assert evaluate(rule("industry_code", "in", ["64"]), code) is False


def test_shortfall_is_the_distance_to_the_bound():
    criterion = rule("revenue_latest_year", ">=", 30_000_000)
    assert shortfall(criterion, Decimal(25_000_000)) == 5_000_000
    assert shortfall(criterion, Decimal(30_000_000)) is None
    assert shortfall(rule("years_since_settlement", "<=", 1), Decimal(3)) == 2
    assert shortfall(rule("high_tech_enterprise", "==", True), False) is None


@pytest.mark.parametrize(
    ("fact", "op", "value"),
    [
        ("no_such_fact", "==", 1),
        ("revenue_latest_year", "~", 1),
        ("revenue_latest_year", ">=", "1"),
        ("revenue_latest_year", ">=", True),
        ("revenue_latest_year", "in", [1]),
        ("high_tech_enterprise", ">=", 1),
        ("high_tech_enterprise", "==", 1),
        ("district", "==", "shanghai"),
        ("district", "in", []),
        ("tech_fields", "has_any", ["6g"]),
        ("tech_fields", "==", "5g"),
        ("industry_code", "==", "6"),
    ],
)
def test_rules_that_cannot_be_evaluated_are_refused(fact, op, value):
    with pytest.raises(RuleError):
        check(CriterionRule(fact, op, value))


def test_check_turns_the_operator_into_the_vocabulary():
    assert rule("revenue_latest_year", ">=", 1).operator is Operator.GTE
