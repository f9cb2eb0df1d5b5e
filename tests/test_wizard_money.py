"""Amounts as people type them, and read back in words and in results."""

from decimal import Decimal

import pytest
from django.utils import translation

from policies.money import QuantityError, cny_in_words, parse_quantity
from policies.rules.amounts import Amount
from policies.templatetags.check_format import amount_text


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("30000000", Decimal(30_000_000)),
        ("30,000,000", Decimal(30_000_000)),
        ("30 000 000", Decimal(30_000_000)),
        ("３０，０００，０００", Decimal(30_000_000)),
        ("3000万", Decimal(30_000_000)),
        ("３０００万元", Decimal(30_000_000)),
        ("1.5亿", Decimal(150_000_000)),
        ("30 million", Decimal(30_000_000)),
        ("CNY 1,500,000", Decimal(1_500_000)),
        ("¥12.50", Decimal("12.50")),
        ("3000,0000", Decimal(30_000_000)),
        ("0", Decimal(0)),
        (".5", Decimal("0.5")),
    ],
)
def test_parse_quantity_reads_what_people_type(typed, value):
    assert parse_quantity(typed) == value


def test_parse_quantity_reads_a_percent_sign_only_for_percentages():
    assert parse_quantity("60%", percent=True) == Decimal(60)
    with pytest.raises(QuantityError):
        parse_quantity("60%")


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_parse_quantity_leaves_blank_as_not_known(typed):
    assert parse_quantity(typed) is None


@pytest.mark.parametrize("typed", ["-5", "−5", "-0.5", "- 3,000"])
def test_parse_quantity_names_a_negative_figure(typed):
    with pytest.raises(QuantityError) as error:
        parse_quantity(typed)
    assert error.value.code == "negative"


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "NaN",
        "nan",
        "Infinity",
        "inf",
        "1e30",
        "1E3",
        "1,5",
        "1.2.3",
        "12,34",
        "0x10",
        "1" * 41,
        "3 apples",
        "--5",
        "5-",
        "万",
    ],
)
def test_parse_quantity_refuses_what_is_not_a_plain_number(typed):
    with pytest.raises(QuantityError) as error:
        parse_quantity(typed)
    assert error.value.code == "invalid"


@pytest.mark.parametrize(
    ("amount", "english", "chinese"),
    [
        (30_000_000, "CNY 30 million", "3000万元"),
        (150_000_000, "CNY 150 million", "1.5亿元"),
        (1_500_000, "CNY 1.5 million", "150万元"),
        (500_000, "CNY 500,000", "50万元"),
        (9_999, "CNY 9,999", "9999元"),
        (0, "CNY 0", "0元"),
        (2_000_000_000, "CNY 2 billion", "20亿元"),
        (10**13, "CNY 10 trillion", "10万亿元"),
        (1_234_567, "about CNY 1.23 million", "123.4567万元"),
        (999_999_999, "about CNY 1 billion", "约10亿元"),
    ],
)
def test_cny_in_words_says_the_amount_as_a_reader_would(amount, english, chinese):
    assert cny_in_words(Decimal(amount), "en") == english
    assert cny_in_words(Decimal(amount), "zh-hans") == chinese


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Amount(Decimal(1_500_000), Decimal(1_500_000)), "CNY 1,500,000"),
        (Amount(Decimal(1_000_000), Decimal(3_000_000)), "CNY 1,000,000 to 3,000,000"),
        (Amount(Decimal(0), Decimal(500_000)), "up to CNY 500,000"),
        (None, ""),
    ],
)
def test_amount_text_words_exact_ranges_and_ceilings(amount, text):
    assert amount_text(amount) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Amount(Decimal(500_000), Decimal(500_000)), "50万元"),
        (Amount(Decimal(30_000_000), Decimal(100_000_000)), "3000万元至1亿元"),
        (Amount(Decimal(1_000_000), Decimal(3_000_000)), "100万元至300万元"),
        (Amount(Decimal(0), Decimal(10_000_000)), "最高1000万元"),
        (Amount(Decimal(9_500), Decimal(9_500)), "9500元"),
    ],
)
def test_amounts_read_in_wan_and_yi_in_chinese_with_one_unit_each(amount, text):
    with translation.override("zh-hans"):
        assert amount_text(amount) == text


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        ("3000", 10_000, 30_000_000),
        ("3000万", 10_000, 30_000_000),
        ("3000万", 1, 30_000_000),
        ("30,000,000元", 10_000, 30_000_000),
        ("¥300", 10_000, 300),
        ("0.35亿", 10_000, 35_000_000),
        ("30 million", 10_000, 30_000_000),
    ],
)
def test_a_bare_figure_takes_the_box_unit_and_a_typed_unit_wins(typed, unit, value):
    assert parse_quantity(typed, unit=Decimal(unit)) == Decimal(value)
