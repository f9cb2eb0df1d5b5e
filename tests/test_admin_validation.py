"""The rule checks behind the admin forms: each refuses what it should and accepts
the boundary. Pure functions, no database."""

from decimal import Decimal

import pytest

from policies.rules.errors import RuleError
from policies.rules.facts import CATALOGUE
from policies.rules.validation import (
    Band,
    check_bands,
    check_operator,
    check_route,
    format_value,
    operators_for,
    parse_value,
)

D = Decimal


def value(fact: str, operator: str, raw: object) -> object:
    return parse_value(CATALOGUE[fact], operator, raw)


def refused(fact: str, operator: str, raw: object) -> str:
    with pytest.raises(RuleError) as error:
        value(fact, operator, raw)
    return str(error.value)


# Operators -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact", "allowed"),
    [
        ("revenue_latest_year", (">=", ">", "<=", "<", "==", "!=")),
        ("revenue_growth_latest_pct", (">=", ">", "<=", "<", "==", "!=")),
        ("high_tech_enterprise", ("==", "!=")),
        ("district", ("==", "!=", "in")),
        ("industry_code", ("==", "!=", "in")),
        ("tech_fields", ("has_any",)),
    ],
)
def test_operators_offered_are_those_of_the_facts_type(fact, allowed):
    assert tuple(op.value for op in operators_for(CATALOGUE[fact])) == allowed


@pytest.mark.parametrize(
    ("fact", "operator"),
    [
        ("revenue_latest_year", "in"),
        ("revenue_latest_year", "has_any"),
        ("high_tech_enterprise", ">="),
        ("district", "<"),
        ("tech_fields", "=="),
    ],
)
def test_an_operator_that_does_not_suit_the_fact_is_refused(fact, operator):
    with pytest.raises(RuleError, match=fact):
        check_operator(CATALOGUE[fact], operator)


# Values ----------------------------------------------------------------------


def test_numbers_may_be_written_with_thousands_separators():
    assert value("revenue_latest_year", ">=", "30,000,000") == 30_000_000
    assert value("revenue_latest_year", ">=", "30 000 000") == 30_000_000


def test_a_word_is_not_a_number():
    assert "not a number" in refused("revenue_latest_year", ">=", "lots")


def test_money_accepts_zero_and_refuses_a_negative_amount():
    assert value("office_rent_annual", ">", "0") == 0
    assert "never below" in refused("office_rent_annual", ">", "-1")


def test_a_percentage_within_its_range_is_accepted_up_to_100():
    assert value("domestic_rd_share_pct", ">=", "100") == 100
    assert value("domestic_rd_share_pct", ">=", "12.5") == 12.5
    assert "never above" in refused("domestic_rd_share_pct", ">=", "100.5")


def test_counts_and_money_are_whole_numbers():
    assert value("years_since_settlement", "<=", "1") == 1
    assert "whole number" in refused("years_since_settlement", "<=", "1.5")
    assert "whole number" in refused("revenue_latest_year", ">=", "0.5")


def test_a_quantity_may_have_decimals():
    assert value("years_in_business", ">", "1.5") == 1.5


def test_a_derived_fact_may_be_compared_with_a_negative_number():
    assert value("revenue_growth_latest_pct", ">=", "-10") == -10


def test_yes_no_facts_take_true_or_false_only():
    assert value("high_tech_enterprise", "==", "true") is True
    assert value("high_tech_enterprise", "==", "False") is False
    assert "true or false" in refused("high_tech_enterprise", "==", "yes")


def test_a_choice_must_be_one_of_the_facts_choices():
    assert value("district", "==", "dongcheng") == "dongcheng"
    message = refused("district", "==", "Dongcheng")
    assert "not a choice of district" in message and "dongcheng" in message


def test_in_takes_a_comma_separated_or_json_list():
    assert value("industry_code", "in", "64, 65") == ["64", "65"]
    assert value("industry_code", "in", '["64", "65"]') == ["64", "65"]
    assert value("enterprise_type", "in", "production") == ["production"]


def test_a_code_must_match_the_facts_pattern():
    assert "not a valid industry_code" in refused("industry_code", "in", "64, 6a")


def test_a_list_needs_a_value_and_no_repeats():
    assert "at least one value" in refused("industry_code", "in", " , ")
    assert "twice" in refused("industry_code", "in", "64, 64")


def test_has_any_takes_technology_fields_by_their_values():
    assert value("tech_fields", "has_any", "artificial_intelligence, 5g") == [
        "artificial_intelligence",
        "5g",
    ]
    assert "not a choice" in refused("tech_fields", "has_any", "robots")


def test_a_list_is_refused_for_a_single_value_operator():
    assert "one value" in refused("district", "==", '["dongcheng"]')


def test_stored_values_read_back_as_staff_typed_them():
    assert format_value(["64", "65"]) == "64, 65"
    assert format_value(True) == "true"
    assert format_value(30_000_000) == "30000000"


def test_stored_json_values_are_checked_too():
    assert value("revenue_latest_year", ">=", 30_000_000) == 30_000_000
    assert "true or false" in refused("high_tech_enterprise", "==", 1)


# Routes ----------------------------------------------------------------------

VALID_ROUTES = {
    "fixed": {"amount": D(500_000)},
    "range": {"amount_min": D(1_000_000), "amount_max": D(3_000_000)},
    "up_to": {"amount": D(500_000)},
    "percentage": {
        "rate_pct": D(1),
        "base_fact": "equity_investment_this_year",
        "cap": D(5_000_000),
    },
    "per_unit": {
        "amount": D(1_000_000),
        "base_fact": "first_set_products_certified",
        "cap": D(2_000_000),
    },
    "sum_of_terms": {
        "terms": [
            {"fact": "national_sti_progress_awards", "amount": 5_000_000},
            {"fact": "beijing_sti_progress_awards", "amount": 3_000_000},
        ]
    },
    "rate_schedule": {
        "schedule_fact": "years_since_settlement",
        "schedule": [{"at": 0, "rate_pct": 30}, {"at": 1, "rate_pct": 20}],
        "base_fact": "office_rent_annual",
        "limit_fact": "office_area_m2",
        "limit": D(3000),
        "cap": D(3_000_000),
    },
    "non_monetary": {},
}


def route(kind: str, **changes: object) -> dict[str, list[str]]:
    values = {"kind": kind, "role": "route", "up_to": False, **VALID_ROUTES[kind]}
    values.update(changes)
    return check_route(values)


@pytest.mark.parametrize("kind", sorted(VALID_ROUTES))
def test_each_amount_kind_accepts_its_own_fields(kind):
    assert route(kind) == {}


@pytest.mark.parametrize(
    ("kind", "needed"),
    [
        ("fixed", "amount"),
        ("range", "amount_max"),
        ("up_to", "amount"),
        ("percentage", "rate_pct"),
        ("percentage", "base_fact"),
        ("percentage", "cap"),
        ("per_unit", "cap"),
        ("sum_of_terms", "terms"),
        ("rate_schedule", "schedule"),
        ("rate_schedule", "limit"),
    ],
)
def test_a_field_the_kind_needs_is_required(kind, needed):
    errors = route(kind, **{needed: None})
    assert "needs this" in " ".join(errors[needed])


@pytest.mark.parametrize(
    ("kind", "stray"),
    [
        ("fixed", "cap"),
        ("percentage", "amount"),
        ("non_monetary", "amount"),
        ("sum_of_terms", "base_fact"),
        ("up_to", "schedule"),
    ],
)
def test_a_field_the_kind_does_not_use_must_be_empty(kind, stray):
    stray_value = {"base_fact": "revenue_latest_year", "schedule": [{"at": 0}]}.get(
        stray, D(1)
    )
    errors = route(kind, **{stray: stray_value})
    assert "Leave this empty" in " ".join(errors[stray])


def test_sum_of_terms_may_have_a_cap():
    assert route("sum_of_terms", cap=D(1_000_000)) == {}
    assert "above zero" in " ".join(route("sum_of_terms", cap=D(0))["cap"])


def test_a_range_runs_from_less_to_more():
    assert "end above" in " ".join(
        route("range", amount_min=D(3_000_000))["amount_max"]
    )
    assert route("range", amount_min=D(0), amount_max=D(1)) == {}


@pytest.mark.parametrize(
    ("rate", "ok"),
    [(D(0), False), (D("0.001"), True), (D(100), True), (D("100.1"), False)],
)
def test_a_rate_is_above_zero_and_at_most_100(rate, ok):
    assert ("rate_pct" not in route("percentage", rate_pct=rate)) is ok


@pytest.mark.parametrize(("cap", "ok"), [(D(0), False), (D(1), True), (D(-5), False)])
def test_a_cap_is_above_zero(cap, ok):
    assert ("cap" not in route("per_unit", cap=cap)) is ok


def test_amounts_are_whole_cny():
    assert "whole CNY" in " ".join(route("fixed", amount=D("0.50"))["amount"])


def test_an_amount_is_worked_out_from_a_figure_the_enterprise_gives():
    errors = route("percentage", base_fact="revenue_net_increase_latest")
    assert "figure the enterprise gives" in " ".join(errors["base_fact"])
    assert "base_fact" in route("percentage", base_fact="district")


def test_terms_are_facts_with_positive_amounts():
    assert "terms" in route("sum_of_terms", terms=[{"fact": "district", "amount": 1}])
    assert "terms" in route(
        "sum_of_terms", terms=[{"fact": "standards_national_top2", "amount": 0}]
    )
    assert "terms" in route("sum_of_terms", terms=[{"amount": 1}])
    assert "terms" in route("sum_of_terms", terms="500000")


def test_a_schedule_has_one_positive_rate_per_step():
    assert "schedule" in route("rate_schedule", schedule=[{"at": 0, "rate_pct": 0}])
    twice = [{"at": 0, "rate_pct": 30}, {"at": 0, "rate_pct": 20}]
    assert "used twice" in " ".join(route("rate_schedule", schedule=twice)["schedule"])


def test_a_limit_is_above_zero():
    assert "limit" in route("rate_schedule", limit=D(0))


def test_a_non_monetary_benefit_is_neither_up_to_nor_an_add_on():
    assert "up_to" in route("non_monetary", up_to=True)
    assert "kind" in route("non_monetary", role="add_on")


# Bands -----------------------------------------------------------------------

REVENUE = "revenue_latest_year"
MILLION = 1_000_000


def bands(*bounds: list[tuple[str, int]]) -> list[Band]:
    return [Band(n, f"band {n}", criteria) for n, criteria in enumerate(bounds)]


def test_adjacent_bands_neither_overlap_nor_leave_a_gap():
    report = check_bands(
        REVENUE,
        bands(
            [(">=", 30 * MILLION), ("<", 100 * MILLION)],
            [(">=", 100 * MILLION), ("<", 1000 * MILLION)],
            [(">=", 1000 * MILLION)],
        ),
    )
    assert report.errors == [] and report.warnings == []


def test_bands_that_share_their_boundary_are_refused():
    report = check_bands(
        REVENUE,
        bands([(">=", 30 * MILLION), ("<=", 100 * MILLION)], [(">=", 100 * MILLION)]),
    )
    (problem,) = report.errors
    assert problem.keys == (0, 1)
    assert "exactly CNY 100,000,000" in problem.message


def test_overlapping_bands_name_the_values_they_share():
    report = check_bands(
        REVENUE, bands([("<", 200 * MILLION)], [(">=", 100 * MILLION)])
    )
    assert "from CNY 100,000,000 (included) to CNY 200,000,000 (excluded)" in (
        report.errors[0].message
    )


def test_a_gap_between_bands_is_a_warning_not_a_refusal():
    """The guide's DC-4: less than 1 billion, then more than 1 billion."""
    report = check_bands(
        REVENUE,
        bands([(">=", 100 * MILLION), ("<", 1000 * MILLION)], [(">", 1000 * MILLION)]),
    )
    assert report.errors == []
    (warning,) = report.warnings
    assert "exactly CNY 1,000,000,000" in warning


def test_a_band_without_a_bound_on_the_fact_is_refused():
    report = check_bands(REVENUE, bands([(">=", 30 * MILLION)], []))
    assert "no criterion on revenue_latest_year" in report.errors[0].message


def test_a_band_that_accepts_nothing_is_refused():
    report = check_bands(REVENUE, bands([(">=", 100 * MILLION), ("<", 30 * MILLION)]))
    assert "accepts no value" in report.errors[0].message


def test_is_not_cannot_bound_a_band():
    report = check_bands(REVENUE, bands([("!=", 100 * MILLION)]))
    assert "not “!=”" in report.errors[0].message


def test_bands_need_a_number_fact():
    assert check_bands("district", bands([("==", 1)])).errors
