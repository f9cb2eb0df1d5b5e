"""Derived facts in three-valued logic: an outcome never waits for a figure that
cannot change it, and filling in a missing figure never undoes a decision.

The properties are checked by brute force: for a complete profile with one or two of
a policy's inputs taken out, every combination of telling values for the missing
inputs (the rule's thresholds, the extremes, and neighbours and multiples of the
figures given) is assessed, and the outcome is compared with what they give.
"""

import itertools
from decimal import Decimal
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies.rules.engine import RuleSet
from policies.rules.facts import CATALOGUE, INPUT_FACTS, Fact, FactType, derive
from policies.rules.profile import parse
from policies.rules.vocabulary import Status
from tests.rules import profiles
from tests.seed import seed_outcome, seed_rule_set

M = 1_000_000
CY6_MISSING_THE_YEAR_BEFORE = {
    "district": "chaoyang",
    "rd_expense_latest_year": 99_999_999,
    "rd_expense_previous_year": 100_000_999,
}


def test_rd_expenses_that_fell_last_year_decide_cy6_without_the_year_before():
    outcome = seed_outcome("CY-6", CY6_MISSING_THE_YEAR_BEFORE)

    assert outcome.status is Status.NOT_ELIGIBLE
    assert outcome.missing == ()


def test_rd_expenses_still_rising_last_year_need_the_year_before():
    facts = {**CY6_MISSING_THE_YEAR_BEFORE, "rd_expense_latest_year": 200_000_000}

    outcome = seed_outcome("CY-6", facts)

    assert outcome.status is Status.NEEDS_INFO
    assert outcome.missing == ("rd_expense_two_years_ago",)


def test_a_year_before_at_zero_cannot_be_beaten_by_a_missing_previous_year():
    facts = {**CY6_MISSING_THE_YEAR_BEFORE, "rd_expense_previous_year": 0}
    facts["rd_expense_two_years_ago"] = 0
    del facts["rd_expense_latest_year"]

    assert seed_outcome("CY-6", facts).status is Status.NOT_ELIGIBLE


def test_no_insured_employees_at_the_year_end_cannot_be_reduced():
    values = derive(parse({"insured_employees_previous_year_end": 0}))

    assert values["insured_employees_not_reduced"] is True


def test_no_revenue_in_the_latest_year_fails_growth_whatever_the_year_before():
    facts = {"district": "dongcheng", "revenue_latest_year": 0}

    outcome = seed_outcome("DC-4", facts)

    assert outcome.status is Status.NOT_ELIGIBLE
    assert outcome.missing == ()


def test_no_rd_expenses_fail_every_intensity_band_whatever_the_revenue():
    facts = {"district": "dongcheng", "rd_expense_latest_year": 0}

    assert seed_outcome("DC-6", facts).status is Status.NOT_ELIGIBLE


def test_a_growth_that_needs_the_year_before_still_asks_for_it():
    facts = {"district": "dongcheng", "revenue_latest_year": 50 * M}
    facts["revenue_previous_year"] = 30 * M

    outcome = seed_outcome("DC-4", facts)

    assert outcome.status is Status.NEEDS_INFO
    assert outcome.missing == ("revenue_two_years_ago",)


def test_standards_that_reach_the_cap_pay_it_without_the_other_counts():
    facts = {**profiles.CP, "standards_international_top2": 2}

    outcome = seed_outcome("CP-2", facts)

    assert outcome.status is Status.ELIGIBLE
    assert outcome.amount.max == outcome.amount.min == M
    assert outcome.missing == ()
    assert "the figures given already reach it" in outcome.amount_text


# The brute force ---------------------------------------------------------------

FACTS = {fact.name: fact for fact in INPUT_FACTS}
MULTIPLES = (Decimal(0), Decimal("0.5"), Decimal("0.9"), Decimal("1.1"), Decimal(2))


@cache
def single(code: str) -> RuleSet:
    return RuleSet(p for p in seed_rule_set().policies if p.code == code)


def policy_of(code: str):
    return single(code).policies[0]


@cache
def inputs_of(code: str) -> tuple[str, ...]:
    """The input facts a policy reads, through its derived facts."""
    policy = policy_of(code)
    names: dict[str, None] = {}
    criteria = list(policy.criteria) + [c for r in policy.routes for c in r.criteria]
    for criterion in criteria:
        names.update(
            dict.fromkeys(CATALOGUE[criterion.fact].inputs or (criterion.fact,))
        )
    for route in policy.routes:
        names.update(dict.fromkeys(route.amount.inputs))
    return tuple(names)


@cache
def landmarks_of(code: str) -> frozenset[Decimal]:
    """Every number in a policy's rules: thresholds, caps, limits, schedule years."""
    policy = policy_of(code)
    found = set()
    criteria = list(policy.criteria) + [c for r in policy.routes for c in r.criteria]
    for criterion in criteria:
        if CATALOGUE[criterion.fact].numeric:
            found.add(Decimal(str(criterion.value)))
    for route in policy.routes:
        amount = route.amount
        found.update(n for n in (amount.cap, amount.limit) if n is not None)
        found.update(step.at for step in amount.schedule)
    return frozenset(found)


def telling_values(fact: Fact, code: str, given: dict) -> list:
    """Values of ``fact`` that could tip a criterion or an amount of ``code``."""
    if fact.type is FactType.BOOLEAN:
        return [True, False]
    codes = [code for code, _label in fact.choices]
    if fact.type is FactType.CHOICE:
        return codes
    if fact.type is FactType.CHOICES:
        return [[]] + [[c] for c in codes]
    if fact.type is FactType.CODE:
        return ["64", "65", "10"]
    known = [Decimal(str(v)) for k, v in given.items() if FACTS[k].numeric]
    seeds = set(landmarks_of(code)) | set(known)
    numbers = {fact.minimum, fact.maximum}
    numbers |= {s + step for s in seeds for step in (-1, 0, 1)}
    numbers |= {s * k for s in known for k in MULTIPLES}
    numbers = {n for n in numbers if fact.minimum <= n <= fact.maximum}
    if fact.type is FactType.INTEGER:
        numbers = {n for n in numbers if n == n.to_integral_value()}
    return sorted(numbers)


def decision(code: str, facts: dict) -> tuple:
    outcome = single(code).outcomes(derive(parse(facts)))[0]
    return outcome.status, outcome.amount, outcome.missing


def landmark_values(fact: Fact, code: str) -> st.SearchStrategy:
    """Values of ``fact`` that sit on or beside a number in ``code``'s rules."""
    near = {n + step for n in landmarks_of(code) for step in (-1, 0, 1)}
    near |= {fact.minimum, fact.maximum}
    near = sorted(n for n in near if fact.minimum <= n <= fact.maximum)
    return st.sampled_from(near)


@st.composite
def partial_profiles(draw) -> tuple[str, dict, tuple[str, ...]]:
    """A seed policy, a profile giving every input it reads (on or near its
    thresholds, often), and one or two of those inputs taken out."""
    code = draw(st.sampled_from([p.code for p in seed_rule_set().policies]))
    profile = {}
    for name in inputs_of(code):
        fact = FACTS[name]
        values = profiles.strategy(fact)
        if fact.numeric:
            values = landmark_values(fact, code) | values
        if name == "district":
            home = policy_of(code).district
            values = st.just(home or "haidian") | values
        profile[name] = draw(values)
    out = draw(
        st.lists(st.sampled_from(inputs_of(code)), min_size=1, max_size=2, unique=True)
    )
    for name in out:
        del profile[name]
    return code, profile, tuple(out)


def completions(code: str, profile: dict, out: tuple[str, ...]):
    """Every combination of telling values for the facts taken out."""
    choices = [telling_values(FACTS[name], code, profile) for name in out]
    for combination in itertools.product(*choices):
        yield dict(zip(out, combination, strict=True))


PROPERTY = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY
@given(partial_profiles())
def test_filling_in_a_missing_fact_never_undoes_a_decision(case):
    code, profile, out = case
    status = decision(code, profile)[0]
    if status is Status.NEEDS_INFO:
        return
    for filled in completions(code, profile, out):
        assert decision(code, {**profile, **filled})[0] is status, filled


def readings(code: str, facts: dict) -> tuple:
    """What each of the policy's criteria and each route's amount comes to."""
    outcome = single(code).outcomes(derive(parse(facts)))[0]
    return tuple(c.met for c in outcome.criteria) + tuple(
        r.amount for r in outcome.routes
    )


@PROPERTY
@given(partial_profiles())
def test_an_outcome_asks_only_for_facts_that_could_change_a_criterion_or_amount(case):
    """Each fact asked for can, on its own, tip one of the policy's criteria or
    change an amount. (Criteria are decided one at a time: two that together leave
    no value possible, such as BJ-2's net increase of CNY 5 billion or more and
    growth of 20% with exactly CNY 5 billion of revenue, still ask.)"""
    code, profile, out = case
    status, _amount, missing = decision(code, profile)
    if not missing:
        return
    results = {
        tuple((k, repr(v)) for k, v in filled.items()): readings(
            code, {**profile, **filled}
        )
        for filled in completions(code, profile, out)
    }
    for name in missing:
        by_others: dict[tuple, set] = {}
        for filled, result in results.items():
            rest = tuple(item for item in filled if item[0] != name)
            by_others.setdefault(rest, set()).add(result)
        assert any(len(found) > 1 for found in by_others.values()), (
            f"{code} {status} asks for {name}, which changes nothing: {profile}"
        )
