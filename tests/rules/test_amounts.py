"""Amount kinds: their arithmetic, caps, rounding, up-to ranges and explanations."""

from decimal import Decimal

import pytest
from django.utils import translation

from policies.rules.amounts import (
    Amount,
    AmountRule,
    Rate,
    Term,
    check,
    compile_amount,
    compute,
    explain,
)
from policies.rules.errors import RuleError
from policies.rules.facts import derive
from policies.rules.vocabulary import AmountKind as K

D = Decimal


def facts(**given):
    return derive({name: D(value) for name, value in given.items()})


def amount(rule, **given):
    return compute(check(rule), facts(**given))


def test_fixed_range_and_up_to_need_no_facts():
    assert amount(AmountRule(K.FIXED, amount=D(500_000))) == Amount(500_000, 500_000)
    assert amount(AmountRule(K.RANGE, amount_min=D(1), amount_max=D(3))) == Amount(1, 3)
    assert amount(AmountRule(K.UP_TO, amount=D(2_000_000))) == Amount(0, 2_000_000)


def test_non_monetary_has_no_amount():
    assert amount(AmountRule(K.NON_MONETARY)) is None


PERCENT = AmountRule(
    K.PERCENTAGE,
    rate_pct=D(30),
    base_fact="demonstration_scenario_funds_raised",
    cap=D(3_000_000),
)


def test_percentage_under_the_cap():
    given = {"demonstration_scenario_funds_raised": 5_000_000}
    assert amount(PERCENT, **given) == Amount(1_500_000, 1_500_000)
    assert explain(PERCENT, facts(**given)) == (
        "30% × CNY 5,000,000 = CNY 1,500,000, under the CNY 3,000,000 cap"
    )


def test_percentage_over_the_cap_is_capped():
    given = {"demonstration_scenario_funds_raised": 50_000_000}
    assert amount(PERCENT, **given) == Amount(3_000_000, 3_000_000)
    assert explain(PERCENT, facts(**given)).endswith("capped at CNY 3,000,000")


def test_fractional_rate_is_shown_as_written():
    rule = AmountRule(
        K.PERCENTAGE, rate_pct=D("7.500"), base_fact="special_funds_received"
    )
    text = explain(check(rule), facts(special_funds_received=1_000_000))
    assert text == "7.5% × CNY 1,000,000 = CNY 75,000"


def test_amounts_round_half_up_to_whole_yuan():
    rule = AmountRule(K.PERCENTAGE, rate_pct=D(1), base_fact="special_funds_received")
    assert amount(rule, special_funds_received=150) == Amount(2, 2)
    assert amount(rule, special_funds_received=149) == Amount(1, 1)


def test_up_to_turns_a_computed_value_into_a_range_from_zero():
    rule = AmountRule(
        K.SUM_OF_TERMS,
        up_to=True,
        terms=(
            Term("national_sti_progress_awards", D(5_000_000)),
            Term("beijing_sti_progress_awards", D(3_000_000)),
        ),
    )
    given = {"national_sti_progress_awards": 1, "beijing_sti_progress_awards": 2}
    assert amount(rule, **given) == Amount(0, 11_000_000)
    assert explain(rule, facts(**given)) == (
        "up to CNY 5,000,000 × 1 + CNY 3,000,000 × 2 = CNY 11,000,000"
    )


def test_per_unit_with_an_annual_cap():
    rule = AmountRule(
        K.PER_UNIT,
        amount=D(1_000_000),
        base_fact="first_set_products_certified",
        cap=D(2_000_000),
    )
    assert amount(rule, first_set_products_certified=3) == Amount(2_000_000, 2_000_000)


RENT = AmountRule(
    K.RATE_SCHEDULE,
    base_fact="office_rent_annual",
    schedule_fact="years_since_settlement",
    schedule=(Rate(D(0), D(30)), Rate(D(1), D(20))),
    limit_fact="office_area_m2",
    limit=D(3000),
    cap=D(3_000_000),
)


def test_rate_schedule_limits_the_base_to_the_subsidised_area():
    given = {"office_rent_annual": 1_000_000, "office_area_m2": 4000}
    assert amount(RENT, years_since_settlement=1, **given) == Amount(150_000, 150_000)
    assert explain(RENT, facts(years_since_settlement=1, **given)) == (
        "20% × CNY 1,000,000 × 3,000 / 4,000 m² = CNY 150,000, "
        "under the CNY 3,000,000 cap"
    )


def test_rate_schedule_without_a_rate_for_the_year_gives_nothing():
    given = {"office_rent_annual": 1_000_000, "office_area_m2": 100}
    assert amount(RENT, years_since_settlement=5, **given) == Amount(0, 0)
    assert "no rate for" in explain(RENT, facts(years_since_settlement=5, **given))


def test_a_computed_amount_with_a_missing_input_names_it():
    compiled = compile_amount(check(RENT))
    missing = compiled(facts(years_since_settlement=0, office_rent_annual=1))
    assert missing == ("office_area_m2",)
    assert "once given" in explain(RENT, facts())


@pytest.mark.parametrize(
    "rule",
    [
        AmountRule("lottery"),
        AmountRule(K.FIXED),
        AmountRule(K.RANGE, amount_min=D(3), amount_max=D(1)),
        AmountRule(K.RANGE, up_to=True, amount_min=D(1), amount_max=D(3)),
        AmountRule(K.PERCENTAGE, rate_pct=D(10)),
        AmountRule(K.PERCENTAGE, rate_pct=D(10), base_fact="high_tech_enterprise"),
        AmountRule(
            K.PERCENTAGE, rate_pct=D(10), base_fact="revenue_net_increase_latest"
        ),
        AmountRule(K.FIXED, amount=D(-1)),
        AmountRule(K.RATE_SCHEDULE, schedule=(Rate(D(0), D(1)),), schedule_fact="x"),
        RENT.__class__(
            **{**{f: getattr(RENT, f) for f in RENT.__slots__}, "limit": None}
        ),
    ],
)
def test_amounts_that_cannot_be_worked_out_are_refused(rule):
    with pytest.raises(RuleError):
        check(rule)


def test_ceiling_is_the_most_an_amount_can_give():
    assert check(PERCENT).ceiling == 3_000_000
    assert check(AmountRule(K.RANGE, amount_min=D(1), amount_max=D(3))).ceiling == 3
    uncapped = AmountRule(
        K.PER_UNIT, amount=D(1), base_fact="first_set_products_certified"
    )
    assert check(uncapped).ceiling is None


RENT_95_FOR_9000_M2 = {
    "years_since_settlement": 0,
    "office_rent_annual": 95,
    "office_area_m2": 9000,
}


def test_a_prorated_rent_is_rounded_once_at_the_end_half_up():
    assert amount(RENT, **RENT_95_FOR_9000_M2) == Amount(10, 10)


def test_the_explanation_says_the_rounding_in_both_languages():
    values = facts(**RENT_95_FOR_9000_M2)

    english = explain(RENT, values)
    with translation.override("zh-hans"):
        chinese = explain(RENT, values)

    assert english == (
        "30% × CNY 95 × 3,000 / 9,000 m² = CNY 9.5, rounded half up to the whole "
        "yuan: CNY 10, under the CNY 3,000,000 cap"
    )
    assert "= 9.5元，四舍五入到元：10元" in chinese


def test_a_figure_that_does_not_end_in_fen_is_shown_as_approximate():
    values = facts(**{**RENT_95_FOR_9000_M2, "office_area_m2": 7000})

    assert "≈ CNY 12.21, rounded half up to the whole yuan: CNY 12" in explain(
        RENT, values
    )


def test_a_whole_figure_is_not_said_to_be_rounded():
    values = facts(**{**RENT_95_FOR_9000_M2, "office_rent_annual": 90})

    assert "rounded" not in explain(RENT, values)
