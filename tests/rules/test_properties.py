"""Properties over any schema-valid profile: the engine never fails, amounts stay
between zero and the policy's ceiling, and more of a rewarded input never pays less."""

import json
from decimal import Decimal

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies.rules import serialize
from policies.rules.amounts import AmountRule, Rate, Term, check, compute
from policies.rules.definitions import PolicyRule
from policies.rules.facts import INPUT_FACTS, derive
from policies.rules.vocabulary import AmountKind, Status
from tests.rules import profiles
from tests.seed import DATA, assess_seed, seed_rule_set

SCHEMA = json.loads((DATA / "profile.schema.json").read_text())
PROFILES = st.fixed_dictionaries(
    {}, optional={fact.name: profiles.strategy(fact) for fact in INPUT_FACTS}
)
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def ceiling(policy: PolicyRule) -> Decimal | None:
    """The most a policy can pay: its best route's ceiling plus every add-on's."""
    best = [route.amount.ceiling for route in policy.main_routes]
    extra = [route.amount.ceiling for route in policy.add_ons]
    if None in best + extra:
        return None
    return max(best) + sum(extra, Decimal(0))


CEILINGS = {policy.code: ceiling(policy) for policy in seed_rule_set().policies}
REWARDED = {
    policy.code: {
        fact
        for route in policy.routes
        for fact in (route.amount.base_fact, *(t.fact for t in route.amount.terms))
        if fact
    }
    for policy in seed_rule_set().policies
}


@SETTINGS
@given(PROFILES)
def test_any_schema_valid_profile_is_assessed_without_error(profile):
    jsonschema.validate(profile, SCHEMA)
    result = serialize.assessment(assess_seed(profile))
    json.dumps(result)
    assert len(result["results"]) == len(CEILINGS)


@SETTINGS
@given(PROFILES)
def test_amounts_are_never_negative_nor_above_the_policy_ceiling(profile):
    for outcome in assess_seed(profile).results:
        if outcome.amount is None:
            continue
        assert 0 <= outcome.amount.min <= outcome.amount.max
        limit = CEILINGS[outcome.code]
        assert limit is None or outcome.amount.max <= limit


# A profile that qualifies for each computed-amount policy, to raise from.
QUALIFYING = [
    profiles.DC2,
    profiles.DC5,
    profiles.CY3,
    {
        **profiles.CY,
        "national_sti_progress_awards": 1,
        "beijing_sti_progress_awards": 1,
    },
    {**profiles.CP2, "standards_national_top2": 1},
    {**profiles.CP, "special_funds_received": 1},
    profiles.CP3B,
    {**profiles.CP, "first_set_products_certified": 1},
]
MAXIMUM = {fact.name: fact.maximum for fact in INPUT_FACTS}


@st.composite
def rewarded_raises(draw) -> tuple[dict, str, str, int]:
    """A qualifying profile, one of its policy's rewarded facts, and a raise."""
    base = draw(st.sampled_from(QUALIFYING))
    code = next(o.code for o in assess_seed(base).eligible if REWARDED[o.code])
    fact = draw(st.sampled_from(sorted(REWARDED[code] & set(base))))
    start = draw(profiles.strategy(next(f for f in INPUT_FACTS if f.name == fact)))
    profile = {**base, fact: max(start, base[fact])}
    raised = min(profile[fact] + draw(st.integers(1, 10**9)), MAXIMUM[fact])
    return profile, code, fact, int(raised)


@SETTINGS
@given(rewarded_raises())
def test_raising_a_rewarded_input_never_lowers_the_amount(case):
    profile, code, fact, raised = case
    before = assess_seed(profile).outcome(code)
    after = assess_seed({**profile, fact: raised}).outcome(code)
    assert before.status is after.status is Status.ELIGIBLE
    assert after.amount.max >= before.amount.max
    assert after.amount.min >= before.amount.min


@st.composite
def computed_amounts(draw) -> AmountRule:
    cap = draw(st.none() | st.integers(0, 10**8).map(Decimal))
    kinds = [
        AmountKind.PERCENTAGE,
        AmountKind.PER_UNIT,
        AmountKind.SUM_OF_TERMS,
        AmountKind.RATE_SCHEDULE,
    ]
    kind = draw(st.sampled_from(kinds))
    base = "special_funds_received"
    parameters = {
        AmountKind.PERCENTAGE: {
            "rate_pct": Decimal(draw(st.integers(0, 100))),
            "base_fact": base,
        },
        AmountKind.PER_UNIT: {
            "amount": Decimal(draw(st.integers(0, 10**6))),
            "base_fact": base,
        },
        AmountKind.SUM_OF_TERMS: {
            "terms": (Term(base, Decimal(draw(st.integers(0, 10**6)))),),
        },
        AmountKind.RATE_SCHEDULE: {
            "schedule": (Rate(Decimal(0), Decimal(draw(st.integers(0, 100)))),),
            "schedule_fact": "years_since_settlement",
            "base_fact": base,
            "limit_fact": "office_area_m2",
            "limit": Decimal(3000),
        },
    }[kind]
    return check(AmountRule(kind, up_to=draw(st.booleans()), cap=cap, **parameters))


@SETTINGS
@given(computed_amounts(), st.integers(0, 10**12), st.integers(0, 10**12))
def test_every_computed_kind_grows_with_its_base_and_respects_its_cap(rule, low, high):
    low, high = sorted((low, high))

    def at(funds):
        profile = {
            "special_funds_received": Decimal(funds),
            "years_since_settlement": Decimal(0),
            "office_area_m2": Decimal(5000),
        }
        return compute(rule, derive(profile))

    smaller, larger = at(low), at(high)
    assert 0 <= smaller.min <= smaller.max <= larger.max
    assert rule.cap is None or larger.max <= rule.cap
