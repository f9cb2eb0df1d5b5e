"""The synthetic registry the engine benchmark runs on: 10,000 policies assess to
one outcome each, some of them eligible, spread over districts like the guide's.

How fast is measured by ``manage.py benchmark_engine`` (target: median 50 ms for
10,000 policies), never here: a loaded machine must not fail the suite."""

from policies.rules.engine import RuleSet, assess
from policies.rules.profile import parse
from policies.rules.synthetic import BENCHMARK_PROFILE, synthetic_policies
from policies.rules.vocabulary import Status


def test_ten_thousand_policies_each_get_an_outcome():
    rules = RuleSet(synthetic_policies(10_000))

    assessment = assess(parse(BENCHMARK_PROFILE), rules)

    assert len(assessment.results) == 10_000
    assert any(o.status is Status.ELIGIBLE for o in assessment.results)


def test_synthetic_policies_spread_over_districts_like_the_guide():
    regions = [p.region for p in synthetic_policies(700)]
    assert regions.count("beijing") == 100
    assert {"dongcheng", "chaoyang", "changping"} <= set(regions)
