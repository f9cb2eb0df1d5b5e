"""The issue's budget: 10,000 policies assessed in 50 ms (median), statuses and
amounts only. The test allows twice that, so a loaded machine does not fail it while
an accidental slowdown (explanations built eagerly, say) still does."""

import statistics
import time

from policies.rules.engine import RuleSet, assess
from policies.rules.profile import parse
from policies.rules.synthetic import BENCHMARK_PROFILE, synthetic_policies
from policies.rules.vocabulary import Status

TARGET_MS = 50


def test_ten_thousand_policies_assess_within_twice_the_target():
    rules = RuleSet(synthetic_policies(10_000))
    profile = parse(BENCHMARK_PROFILE)
    timings = []
    for _ in range(9):
        started = time.perf_counter()
        assessment = assess(profile, rules)
        timings.append((time.perf_counter() - started) * 1000)
    assert len(assessment.results) == 10_000
    assert any(o.status is Status.ELIGIBLE for o in assessment.results)
    assert statistics.median(timings) <= 2 * TARGET_MS


def test_synthetic_policies_spread_over_districts_like_the_guide():
    regions = [p.region for p in synthetic_policies(700)]
    assert regions.count("beijing") == 100
    assert {"dongcheng", "chaoyang", "changping"} <= set(regions)
