"""Profile parsing: typed facts, and refusals that name the field at fault."""

import json
from decimal import Decimal

import pytest

from policies.rules import text
from policies.rules.facts import INPUT_FACTS, FactType
from policies.rules.profile import NON_FIELD, ProfileError, parse
from tests.seed import DATA


def errors_of(raw) -> dict[str, list[str]]:
    with pytest.raises(ProfileError) as caught:
        parse(raw)
    return caught.value.errors


def test_numbers_become_decimals_and_fields_a_frozenset():
    facts = parse(
        {
            "revenue_latest_year": 0.1,
            "years_since_settlement": 2,
            "tech_fields": ["5g", "big_data"],
            "high_tech_enterprise": False,
        }
    )
    assert facts["revenue_latest_year"] == Decimal("0.1")
    assert facts["years_since_settlement"] == Decimal(2)
    assert facts["tech_fields"] == frozenset({"5g", "big_data"})
    assert facts["high_tech_enterprise"] is False


def test_an_empty_profile_is_valid():
    assert parse({}) == {}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("revenue_latest_year", True, "Enter a number."),
        ("revenue_latest_year", "100", "Enter a number."),
        ("revenue_latest_year", None, "Enter a number."),
        ("revenue_latest_year", float("nan"), "Enter a number."),
        ("revenue_latest_year", -1, "Ensure this value is at least 0."),
        ("revenue_latest_year", 1e13 + 1, "at most 10,000,000,000,000"),
        ("domestic_rd_share_pct", 100.5, "Ensure this value is at most 100."),
        ("years_since_settlement", 1.5, "Enter a whole number."),
        ("insured_employees_now", False, "Enter a number."),
        ("high_tech_enterprise", 1, "Enter true or false."),
        ("district", "shanghai", "Select one of: dongcheng"),
        ("enterprise_type", "factory", "Select one of: production"),
        ("industry_code", "6", "^[0-9]{2}$"),
        ("industry_code", "645", "^[0-9]{2}$"),
        ("industry_code", "64\n", "^[0-9]{2}$"),
        ("industry_code", 64, "^[0-9]{2}$"),
        ("tech_fields", "5g", "Enter a list of choices."),
        ("tech_fields", ["5g", "6g"], "Select only from:"),
        ("tech_fields", ["5g", "5g"], "Give each choice once only."),
        ("in_beijing", True, "Unknown field"),
        ("shoe_size", 42, "Unknown field"),
    ],
)
def test_a_refusal_names_the_field_and_says_what_is_wrong(field, value, message):
    errors = errors_of({field: value})
    assert list(errors) == [field]
    assert message in errors[field][0]


def test_a_whole_number_written_with_a_decimal_point_is_an_integer():
    assert parse({"insured_employees_now": 120.0})["insured_employees_now"] == 120


def test_every_field_at_fault_is_named_at_once():
    errors = errors_of({"district": 1, "revenue_latest_year": "x", "unknown": 1})
    assert set(errors) == {"district", "revenue_latest_year", "unknown"}


@pytest.mark.parametrize("raw", [[], "profile", 3, None])
def test_a_profile_that_is_not_an_object_is_refused_as_a_whole(raw):
    assert list(errors_of(raw)) == [NON_FIELD]


def test_refusals_are_translated(monkeypatch):
    german = {"Enter true or false.": "Geben Sie true oder false an."}
    monkeypatch.setattr(
        text, "_translator", lambda message: german.get(message, message)
    )
    assert errors_of({"high_tech_enterprise": 1}) == {
        "high_tech_enterprise": ["Geben Sie true oder false an."]
    }


SCHEMA_TYPES = {
    FactType.MONEY: "number",
    FactType.NUMBER: "number",
    FactType.PERCENT: "number",
    FactType.INTEGER: "integer",
    FactType.BOOLEAN: "boolean",
    FactType.CODE: "string",
    FactType.CHOICES: "array",
}


def test_catalogue_agrees_with_the_profile_schema():
    schema = json.loads((DATA / "profile.schema.json").read_text())
    properties = schema["properties"]
    assert schema["additionalProperties"] is False
    assert {f.name for f in INPUT_FACTS} == set(properties)
    for fact in INPUT_FACTS:
        spec = properties[fact.name]
        if fact.type is FactType.CHOICE:
            assert spec["enum"] == [code for code, _ in fact.choices], fact.name
            continue
        assert spec["type"] == SCHEMA_TYPES[fact.type], fact.name
        assert spec.get("minimum") == fact.minimum, fact.name
        assert spec.get("maximum") == fact.maximum, fact.name
        if fact.type is FactType.CODE:
            assert spec["pattern"] == f"^{fact.pattern}$"
        if fact.type is FactType.CHOICES:
            assert spec["uniqueItems"] is True
            assert spec["items"]["enum"] == [code for code, _ in fact.choices]
