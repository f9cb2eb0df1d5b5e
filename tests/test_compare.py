"""“What if we were in another district?”: each column is exactly the engine's
assessment of the answers with the district changed and the settlement year reset,
the districts come from the published rules, and the differences read as words."""

import json
from decimal import Decimal

import pytest

from policies import selectors
from policies.comparison import difference_sentences, district_views
from policies.models import Policy
from policies.rules.compare import compare, policy_districts
from policies.rules.engine import assess
from policies.rules.profile import parse
from policies.rules.serialize import assessment as as_json
from tests.factories import CriterionFactory, PolicyFactory, RouteFactory
from tests.seed import DATA
from tests.wizard_support import guide  # noqa: F401

pytestmark = pytest.mark.usefixtures("guide")

EXAMPLES = [e for e in json.loads((DATA / "examples.json").read_text()) if e["profile"]]
DONGCHENG = EXAMPLES[0]["profile"]


def profiles() -> list[dict]:
    """Every example, plus the Dongcheng firm with key status and Chaoyang facts."""
    extra = {
        **DONGCHENG,
        "district_key_enterprise": True,
        "office_rent_annual": 2_000_000,
        "office_area_m2": 1_500,
        "demonstration_scenario_project": True,
        "demonstration_scenario_funds_raised": 10_000_000,
    }
    return [parse(e["profile"]) for e in EXAMPLES] + [parse(extra)]


def test_the_districts_are_those_the_published_rules_name():
    assert policy_districts(selectors.rule_set().policies) == (
        "dongcheng",
        "chaoyang",
        "changping",
    )


def test_a_district_joins_when_its_first_policy_is_published_and_not_before():
    draft = PolicyFactory(code="HD-1", state=Policy.State.DRAFT)
    CriterionFactory(policy=draft, fact="district", operator="==", value="haidian")
    RouteFactory(policy=draft)
    assert "haidian" not in policy_districts(selectors.rule_set().policies)

    draft.state = Policy.State.PUBLISHED
    draft.save()
    assert "haidian" in policy_districts(selectors.rule_set().policies)


@pytest.mark.parametrize("profile", profiles(), ids=lambda p: p.get("district"))
def test_each_column_equals_assessing_the_edited_profile_directly(profile):
    rules = selectors.rule_set()
    comparison = compare(profile, rules)

    assert as_json(comparison.current.assessment) == as_json(assess(profile, rules))
    expected = [d for d in policy_districts(rules.policies) if d != profile["district"]]
    assert [c.district for c in comparison.others] == expected
    for column in comparison.others:
        edited = dict(profile)
        edited["district"] = column.district
        edited["years_since_settlement"] = Decimal(0)
        assert as_json(column.assessment) == as_json(assess(edited, rules))


def test_a_move_changes_only_the_district_and_the_settlement_year():
    profile = parse({**DONGCHENG, "years_since_settlement": 2})
    comparison = compare(profile, selectors.rule_set())

    for column in comparison.others:
        changed = {k for k in column.profile if column.profile[k] != profile.get(k)}
        assert changed == {"district", "years_since_settlement"}
        assert column.profile["years_since_settlement"] == 0


def test_an_enterprise_outside_the_policy_districts_is_compared_with_all_of_them():
    profile = parse(EXAMPLES[3]["profile"])  # Haidian
    comparison = compare(profile, selectors.rule_set())

    assert comparison.current.district == "haidian"
    assert [c.district for c in comparison.others] == [
        "dongcheng",
        "chaoyang",
        "changping",
    ]


def test_key_enterprise_status_is_carried_over_and_flagged_where_it_pays():
    profile = parse(
        {
            "district": "chaoyang",
            "district_key_enterprise": True,
            "office_rent_annual": 2_000_000,
            "office_area_m2": 1_500,
        }
    )
    comparison = compare(profile, selectors.rule_set())
    dongcheng = next(c for c in comparison.others if c.district == "dongcheng")

    assert comparison.key_status_carried
    assert dongcheng.profile["district_key_enterprise"] is True
    assert "DC-2" in [o.code for o in dongcheng.eligible]
    assert dongcheng.relies_on_key_status == ("DC-2",)
    sentences = district_views(comparison)[1].differences
    assert any("DC-2 relies on key-enterprise status" in s for s in sentences)


def test_no_key_status_note_without_key_status():
    comparison = compare(parse(DONGCHENG), selectors.rule_set())
    assert not comparison.key_status_carried
    assert all(not c.relies_on_key_status for c in comparison.others)


def test_the_differences_name_what_is_lost_and_gained_with_amounts():
    profile = profiles()[-1]
    comparison = compare(profile, selectors.rule_set())
    chaoyang = next(c for c in comparison.others if c.district == "chaoyang")

    sentences = difference_sentences(comparison.difference(chaoyang), "chaoyang")

    assert sentences[0] == (
        "In Chaoyang District you would lose DC-1 (CNY 500,000), DC-2 (CNY 600,000), "
        "DC-4 (CNY 500,000), DC-5 (CNY 1,200,000) and DC-6 (CNY 100,000), and gain "
        "CY-3 (CNY 3,000,000)."
    )
    assert sentences[-1] == (
        "The estimate would rise from CNY 1,200,000 to CNY 3,000,000."
    )


def test_a_move_that_loses_everything_says_there_would_be_no_estimate():
    comparison = compare(parse(DONGCHENG), selectors.rule_set())
    changping = comparison.others[-1]

    sentences = difference_sentences(comparison.difference(changping), "changping")

    assert "lose DC-1 (CNY 500,000)" in sentences[0]
    assert "DC-5 (CNY 1,200,000)" in sentences[0]
    assert sentences[-1] == (
        "There would be no estimate of money, where now it is CNY 1,200,000."
    )


def test_undecided_policies_of_the_other_district_are_counted_in_words():
    comparison = compare(parse(DONGCHENG), selectors.rule_set())
    chaoyang = district_views(comparison)[1]

    assert chaoyang.label == "Chaoyang District"
    assert [i.code for i in chaoyang.undecided if i.code.startswith("CY")]
    assert any(
        "policies of Chaoyang District need answers the check did not ask" in s
        for s in chaoyang.differences
    )


def test_answers_without_a_district_are_compared_with_every_district():
    comparison = compare(parse({"high_tech_enterprise": True}), selectors.rule_set())
    views = district_views(comparison)

    assert comparison.current.district is None
    assert views[0].label == "District not given"
    assert [c.district for c in comparison.others] == [
        "dongcheng",
        "chaoyang",
        "changping",
    ]
