"""The check's questions: each validation rule, on both sides of each bound, with the
message the visitor reads; no input makes a form raise."""

from decimal import Decimal

import pytest
from django.utils.datastructures import MultiValueDict
from hypothesis import given
from hypothesis import strategies as st

from policies.forms import FactForm, GateForm
from policies.rules.facts import TOPIC_BY_SLUG


def cleaned(fact: str, typed: object) -> dict:
    form = FactForm(data={fact: typed}, facts=[fact])
    assert form.is_valid(), form.errors
    return form.facts()


def errors(fact: str, typed: object) -> list[str]:
    form = FactForm(data={fact: typed}, facts=[fact])
    assert not form.is_valid()
    return form.errors[fact]


def test_fields_carry_the_fact_names_with_no_prefix():
    form = FactForm(facts=["revenue_latest_year", "high_tech_enterprise"])
    html = form.as_div()
    assert 'name="revenue_latest_year"' in html
    assert 'name="high_tech_enterprise"' in html


def test_money_accepts_separators_and_cleans_to_decimal():
    assert cleaned("revenue_latest_year", "30,000,000") == {
        "revenue_latest_year": Decimal(30_000_000)
    }


def test_money_left_blank_stays_missing():
    assert cleaned("revenue_latest_year", "") == {}


def test_money_as_text_says_how_to_write_it():
    assert errors("revenue_latest_year", "thirty") == [
        "Revenue in the latest year must be a number, like 30,000,000"
    ]


@pytest.mark.parametrize("typed", ["NaN", "Infinity", "1e30", "1,5"])
def test_money_refuses_what_is_not_a_plain_figure(typed):
    assert "must be a number" in errors("revenue_latest_year", typed)[0]


@given(st.text(max_size=60))
def test_no_text_typed_into_a_number_field_raises(typed):
    form = FactForm(
        data={"revenue_latest_year": typed, "office_area_m2": typed},
        facts=["revenue_latest_year", "office_area_m2"],
    )
    if form.is_valid():
        assert all(v is None or v >= 0 for v in form.cleaned_data.values())
    else:
        assert form.error_summary()


def test_money_below_zero_says_it_cannot_be_negative():
    assert errors("revenue_latest_year", "-1") == [
        "Revenue in the latest year cannot be negative"
    ]


def test_money_at_the_catalogue_maximum_is_accepted():
    value = cleaned("revenue_latest_year", "10,000,000,000,000")
    assert value == {"revenue_latest_year": Decimal(10**13)}


def test_money_above_the_catalogue_maximum_names_it_in_words():
    assert errors("revenue_latest_year", "10,000,000,000,001") == [
        "Revenue in the latest year must be CNY 10 trillion or less"
    ]


def test_money_with_a_project_maximum_uses_its_own_bound():
    assert cleaned("special_funds_received", "1,000,000,000,000")
    assert errors("special_funds_received", "1,000,000,000,001") == [
        "Special funds received this year must be CNY 1 trillion or less"
    ]


def test_a_huge_figure_is_refused_not_raised():
    assert "or less" in errors("revenue_latest_year", "9" * 40)[0]


def test_percentage_accepts_a_percent_sign_and_stops_at_100():
    assert cleaned("domestic_rd_share_pct", "60%") == {
        "domestic_rd_share_pct": Decimal(60)
    }
    assert cleaned("domestic_rd_share_pct", "100") == {
        "domestic_rd_share_pct": Decimal(100)
    }
    assert errors("domestic_rd_share_pct", "100.5") == [
        "Share of R&D expenses incurred in China must be 100% or less"
    ]


def test_count_must_be_whole():
    assert cleaned("first_set_products_certified", "2") == {
        "first_set_products_certified": Decimal(2)
    }
    assert errors("first_set_products_certified", "1.5") == [
        "Certified first-set products must be a whole number, like 12"
    ]


def test_count_bounds_are_the_catalogue_ones():
    assert cleaned("national_sti_progress_awards", "100")
    assert errors("national_sti_progress_awards", "101") == [
        "National science and technology progress awards must be 100 or less"
    ]


def test_years_accept_fractions_within_bounds():
    assert cleaned("years_in_business", "1.5") == {"years_in_business": Decimal("1.5")}
    assert errors("years_in_business", "201") == [
        "Years in business must be 200 years or less"
    ]


def test_years_since_settlement_must_be_whole():
    assert cleaned("years_since_settlement", "0") == {
        "years_since_settlement": Decimal(0)
    }
    assert "whole number" in errors("years_since_settlement", "0.5")[0]


@pytest.mark.parametrize(("typed", "value"), [("yes", True), ("no", False)])
def test_yes_no_cleans_to_a_boolean(typed, value):
    assert cleaned("high_tech_enterprise", typed) == {"high_tech_enterprise": value}


def test_i_dont_know_leaves_the_fact_missing():
    assert cleaned("high_tech_enterprise", "unknown") == {}
    assert cleaned("enterprise_type", "unknown") == {}


def test_yes_no_must_be_answered_and_says_so():
    assert errors("high_tech_enterprise", "") == [
        "High-tech enterprise: select an answer, or “I don’t know”"
    ]


def test_a_tampered_choice_is_an_error_not_a_crash():
    assert errors("high_tech_enterprise", "maybe")
    assert errors("enterprise_type", "<script>")
    assert errors("district", "atlantis")


def test_district_is_required_with_a_specific_message():
    assert errors("district", "") == [
        "Select the district where the enterprise is registered"
    ]


def test_tech_fields_are_checkboxes_and_clean_to_a_set():
    form = FactForm(
        data=MultiValueDict({"tech_fields": ["artificial_intelligence", "5g"]}),
        facts=["tech_fields"],
    )
    assert form.is_valid()
    assert form.facts() == {"tech_fields": frozenset({"artificial_intelligence", "5g"})}
    assert 'type="checkbox"' in form.as_div()


def test_no_tech_field_ticked_stays_missing():
    assert cleaned("tech_fields", []) == {}


@pytest.mark.parametrize(
    ("typed", "value"), [("65", "65"), ("６４", "64"), (" 65 ", "65")]
)
def test_industry_code_takes_two_digits(typed, value):
    assert cleaned("industry_code", typed) == {"industry_code": value}


@pytest.mark.parametrize("typed", ["6", "655", "ab"])
def test_industry_code_of_another_shape_is_refused(typed):
    assert errors("industry_code", typed) == [
        "Industry code must be two digits, like 65"
    ]


def test_error_summary_links_text_fields_and_first_radio():
    form = FactForm(
        data={"revenue_latest_year": "x"},
        facts=["revenue_latest_year", "high_tech_enterprise"],
    )
    assert not form.is_valid()
    anchors = [anchor for anchor, _message in form.error_summary()]
    assert anchors == ["id_revenue_latest_year", "id_high_tech_enterprise_0"]


def test_stored_answers_show_as_typed_without_errors():
    form = FactForm(facts=["revenue_latest_year", "tech_fields"])
    form.show_answers(
        MultiValueDict({"revenue_latest_year": ["30,000,000"], "tech_fields": ["5g"]})
    )
    html = form.as_div()
    assert 'value="30,000,000"' in html
    assert "checked" in html
    assert not form.errors


def test_raw_answers_keep_only_the_page_own_fields():
    form = FactForm(
        data=MultiValueDict(
            {"revenue_latest_year": ["1"], "csrfmiddlewaretoken": ["x"], "other": ["y"]}
        ),
        facts=["revenue_latest_year"],
    )
    assert form.raw_answers() == {"revenue_latest_year": ["1"]}


def test_gate_options_name_the_facts_they_open():
    equity = TOPIC_BY_SLUG["equity"]
    form = GateForm(topics={equity: ["equity_investment_this_year"]})
    html = form.as_div()
    assert html.count('data-facts="equity_investment_this_year"') == 3
    assert "Did the enterprise receive equity investment" in html


def test_gate_needs_an_answer_and_names_the_topic():
    form = GateForm(data={}, topics={TOPIC_BY_SLUG["equity"]: ["x"]})
    assert form.errors["gate_equity"] == [
        "Equity investment: select yes, no or “I don’t know”"
    ]


def test_gate_answers_by_topic():
    form = GateForm(data={"gate_equity": "no"}, topics={TOPIC_BY_SLUG["equity"]: []})
    assert form.is_valid()
    assert form.answers() == {"equity": "no"}
