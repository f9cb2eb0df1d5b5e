"""Explanations: what was required, what the enterprise said, and how far off."""

from decimal import Decimal

import pytest

from policies.rules import text
from policies.rules.criteria import CriterionRule, check, evaluate, shortfall
from policies.rules.explain import criterion
from policies.rules.facts import derive


def line(fact, op, value, **given) -> str:
    rule = check(CriterionRule(fact, op, value))
    values = derive(given)
    met = evaluate(rule, values)
    return criterion(rule, values, met, shortfall(rule, values[fact]))


def test_a_near_miss_says_how_far_off_it_is():
    assert line(
        "revenue_latest_year", ">=", 30_000_000, revenue_latest_year=Decimal(25_000_000)
    ) == (
        "Revenue in the latest year: CNY 25,000,000; "
        "needs CNY 30,000,000 or more: CNY 5,000,000 short"
    )


def test_an_excess_over_a_maximum_is_over():
    assert line(
        "years_since_settlement", "<=", 1, years_since_settlement=Decimal(3)
    ).endswith("needs 1 year or less: 2 years over")


def test_a_count_of_one_year_reads_in_the_singular():
    assert line("years_in_business", ">", 1, years_in_business=Decimal(1)) == (
        "Years in business: 1 year; needs more than 1 year: not met"
    )


def test_percentages_show_as_percent_and_gaps_in_points():
    assert (
        line(
            "rd_intensity_pct",
            ">=",
            9,
            rd_expense_latest_year=Decimal(7_500_000),
            revenue_latest_year=Decimal(100_000_000),
        )
        == "R&D intensity: 7.5%; needs 9% or more: 1.5 percentage points short"
    )


def test_booleans_read_yes_or_no():
    assert line("high_tech_enterprise", "==", True, high_tech_enterprise=False) == (
        "High-tech enterprise: no; needs yes: not met"
    )


def test_choices_read_by_their_label():
    assert line(
        "enterprise_type",
        "in",
        ["production", "research_and_development"],
        enterprise_type="other",
    ) == (
        "Type of enterprise: Other; needs one of Production-type, "
        "Research-and-development-type: not met"
    )


def test_a_missing_derived_fact_names_the_input_to_give():
    assert "not known without Revenue in the previous year" in line(
        "revenue_growth_latest_pct", ">=", 20, revenue_latest_year=Decimal(1)
    )


def test_a_missing_fact_is_not_known_yet():
    assert line("district", "==", "dongcheng") == (
        "District of registration: not given; needs Dongcheng District: not known yet"
    )


GERMAN = {
    "High-tech enterprise": "Hightech-Unternehmen",
    "yes": "ja",
    "met": "erfüllt",
    "%(label)s: %(actual)s; needs %(required)s: %(verdict)s": (
        "%(label)s: %(actual)s; verlangt %(required)s: %(verdict)s"
    ),
}


@pytest.fixture
def german(monkeypatch):
    monkeypatch.setattr(
        text, "_translator", lambda message: GERMAN.get(message, message)
    )


def test_every_phrase_goes_through_the_translator(german):
    assert line("high_tech_enterprise", "==", True, high_tech_enterprise=True) == (
        "Hightech-Unternehmen: ja; verlangt ja: erfüllt"
    )
