"""The check's questions: each validation rule, on both sides of each bound, with the
message the visitor reads; no input makes a form raise."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import strategies as st

from policies.check_fields import QuantityField, question, this_year
from policies.forms import FactForm, GateForm
from policies.money import read_quantity
from policies.rules.facts import CATALOGUE, INPUT_FACTS, TOPIC_BY_SLUG


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


def test_the_settlement_is_asked_as_a_year_and_kept_as_years_since():
    now = this_year()
    assert cleaned("years_since_settlement", str(now)) == {
        "years_since_settlement": Decimal(0)
    }
    assert cleaned("years_since_settlement", f"{now - 2}年") == {
        "years_since_settlement": Decimal(2)
    }
    form = FactForm(facts=["years_since_settlement"])
    assert "In which year did the enterprise register" in form.as_div()
    assert "0 =" not in form.as_div()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "Enter the year as four digits"),
        ("25", "Enter the year as four digits"),
        ("二〇二五", "Enter the year as four digits"),
        ("1800", "The year must be"),
    ],
)
def test_a_settlement_year_that_is_not_a_year_says_how_to_write_it(typed, message):
    assert errors("years_since_settlement", typed)[0].startswith(message)


def test_a_settlement_year_in_the_future_is_refused():
    assert errors("years_since_settlement", str(this_year() + 1)) == [
        f"The year cannot be later than this year, {this_year()}"
    ]


def test_questions_name_the_fiscal_years_from_the_date_in_beijing():
    form = FactForm(facts=["revenue_latest_year", "revenue_previous_year"])
    labels = [str(form[name].label) for name in form.fields]
    assert labels == [
        f"What was the enterprise’s business revenue in {this_year() - 1}?",
        f"What was its business revenue in {this_year() - 2}?",
    ]


def test_every_question_is_a_question_and_its_hint_does_not_repeat_it():
    for fact in INPUT_FACTS:
        asked = question(fact)
        assert asked.endswith("?"), fact.name
        assert gettext(fact.help).strip() and gettext(fact.help) != asked, fact.name
        assert "latest year" not in asked and "0 =" not in fact.help, fact.name


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
    assert form.raw_answers() == {"revenue_latest_year": ["1元"]}


def test_gate_options_name_the_facts_they_open():
    equity = TOPIC_BY_SLUG["equity"]
    form = GateForm(topics={equity: ["equity_investment_this_year"]})
    html = form.as_div()
    assert html.count('data-facts="equity_investment_this_year"') == 3
    assert "Has the enterprise received equity investment" in html
    assert f"in {this_year()}?" in html


def test_gate_needs_an_answer_and_names_the_topic():
    form = GateForm(data={}, topics={TOPIC_BY_SLUG["equity"]: ["x"]})
    assert form.errors["gate_equity"] == [
        "Equity investment: select yes, no or “I don’t know”"
    ]


def test_gate_answers_by_topic():
    form = GateForm(data={"gate_equity": "no"}, topics={TOPIC_BY_SLUG["equity"]: []})
    assert form.is_valid()
    assert form.answers() == {"equity": "no"}


def test_a_gate_that_offers_to_include_something_has_no_i_dont_know():
    quarter = TOPIC_BY_SLUG["quarter"]
    form = GateForm(topics={quarter: ["revenue_q1_current_year"]})
    assert [value for value, _label in form.fields["gate_quarter"].choices] == [
        "yes",
        "no",
    ]
    refused = GateForm(data={"gate_quarter": "unknown"}, topics={quarter: []})
    assert not refused.is_valid()


# money on a Chinese page


def zh_cleaned(fact: str, typed: str) -> Decimal:
    with translation.override("zh-hans"):
        form = FactForm(data={fact: typed}, facts=[fact])
        assert form.is_valid(), form.errors
        return form.facts()[fact]


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("3000", 30_000_000),
        ("3,000", 30_000_000),
        ("0.5", 5_000),
        ("3000万", 30_000_000),
        ("3000万元", 30_000_000),
        ("1.2亿", 120_000_000),
        ("30,000,000元", 30_000_000),
        ("CNY 30,000,000", 30_000_000),
        ("30 million", 30_000_000),
        ("０", 0),
    ],
)
def test_a_chinese_money_box_takes_wan_unless_another_unit_is_typed(typed, value):
    assert zh_cleaned("revenue_latest_year", typed) == Decimal(value)


def test_a_chinese_money_box_says_its_unit_and_reads_the_figure_back():
    with translation.override("zh-hans"):
        form = FactForm(
            data={"revenue_latest_year": "3000"}, facts=["revenue_latest_year"]
        )
        field = form.fields["revenue_latest_year"]
        assert field.suffix == "万元" and "单位：万元" in field.unit_note
        assert field.readback("3000") == "= 3000万元"
        assert field.readback("1.2亿") == "= 1.2亿元"
        assert field.readback("abc") == ""


def test_an_english_money_box_reads_yuan_and_reads_back_in_words():
    field = FactForm(facts=["revenue_latest_year"]).fields["revenue_latest_year"]
    assert field.prefix == "CNY" and field.unit == 1
    assert field.readback("30,000,000") == "= CNY 30,000,000 (CNY 30 million)"


def test_money_is_kept_with_its_unit_so_it_means_the_same_in_either_language():
    with translation.override("zh-hans"):
        form = FactForm(
            data=MultiValueDict({"revenue_latest_year": ["3000"]}),
            facts=["revenue_latest_year"],
        )
        raw = form.raw_answers()
    assert raw == {"revenue_latest_year": ["3000万"]}
    english = FactForm(data=MultiValueDict(raw), facts=["revenue_latest_year"])
    assert english.is_valid() and english.facts()["revenue_latest_year"] == 30_000_000
    with translation.override("zh-hans"):
        shown = FactForm(facts=["revenue_latest_year"])
        shown.show_answers(MultiValueDict(raw))
        assert shown.initial == {"revenue_latest_year": "3000"}


# figures that look like a slipped unit


def submitted(fact: str, typed: str, language: str = "en", **extra: str) -> FactForm:
    with translation.override(language):
        form = FactForm(
            data=MultiValueDict({fact: [typed], **{k: [v] for k, v in extra.items()}}),
            facts=[fact],
            check_figures=True,
        )
        form.is_valid()
        return form


def test_annual_revenue_of_200_yuan_is_queried_with_what_was_likely_meant():
    form = submitted("revenue_latest_year", "200")
    assert form.errors["revenue_latest_year"] == [
        "Check Revenue in the latest year: CNY 200 is unusually small. Did you mean "
        "CNY 2,000,000? Correct it, or select Continue again to keep CNY 200."
    ]
    assert form.queried == ["revenue_latest_year=200"]


def test_a_queried_figure_submitted_again_is_kept():
    form = submitted("revenue_latest_year", "200", confirm="revenue_latest_year=200")
    assert form.is_valid() and form.facts() == {"revenue_latest_year": Decimal(200)}
    changed = submitted("revenue_latest_year", "300", confirm="revenue_latest_year=200")
    assert not changed.is_valid()


def test_in_chinese_200_yuan_typed_as_such_asks_whether_200_wan_was_meant():
    form = submitted("revenue_latest_year", "200元", "zh-hans")
    assert "是否应为200万元" in form.errors["revenue_latest_year"][0]
    assert submitted("revenue_latest_year", "200", "zh-hans").is_valid()


def test_in_chinese_a_figure_typed_in_yuan_into_the_wan_box_is_queried():
    form = submitted("revenue_latest_year", "60000000", "zh-hans")
    assert "是否应为6000万元" in form.errors["revenue_latest_year"][0]
    assert submitted("revenue_latest_year", "60000000元", "zh-hans").is_valid()


def test_a_share_of_half_a_percent_asks_whether_half_was_meant():
    form = submitted("domestic_rd_share_pct", "0.5")
    assert "Did you mean 50%?" in form.errors["domestic_rd_share_pct"][0]
    assert submitted("domestic_rd_share_pct", "0").is_valid()
    assert submitted("domestic_rd_share_pct", "60").is_valid()


def test_what_counts_as_unlikely_is_the_catalogues_usual_range_for_the_question():
    revenue = CATALOGUE["revenue_latest_year"]
    typed = read_quantity("200")
    assert QuantityField(revenue).doubt(typed)
    assert not QuantityField(replace(revenue, usual_minimum=Decimal(100))).doubt(typed)
    assert not QuantityField(replace(revenue, usual_minimum=None)).doubt(typed)
    with translation.override("zh-hans"):
        huge = read_quantity("2000000", unit=Decimal(10_000))  # 200亿元
        assert QuantityField(revenue).doubt(huge)
        wider = replace(revenue, usual_maximum=Decimal("1e11"))
        assert not QuantityField(wider).doubt(huge)


def test_a_figure_with_its_unit_typed_is_never_doubted_as_too_large():
    with translation.override("zh-hans"):
        assert submitted("revenue_latest_year", "200亿", "zh-hans").is_valid()


def test_stored_answers_are_not_queried_again():
    form = FactForm(data={"revenue_latest_year": "200"}, facts=["revenue_latest_year"])
    assert form.is_valid()
