"""``manage.py benchmark_engine``: time the engine at scale, count a real check's queries.

The issue's target is 10,000 policies assessed in 50 ms (median) for statuses and
amounts; explanations are built on demand and are not timed. The query count is
that of ``selectors.rule_set()`` plus ``assess`` on the database's own policies,
first with a cold cache, then warm.
"""

import gc
import statistics
import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policies import selectors
from policies.rules.engine import RuleSet, assess
from policies.rules.profile import parse
from policies.rules.synthetic import BENCHMARK_PROFILE, synthetic_policies


class Command(BaseCommand):
    help = "Time assess() on synthetic policies and count the queries of a real check."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--policies", type=int, default=10_000)
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args: object, **options: int) -> None:
        profile = parse(BENCHMARK_PROFILE)
        started = time.perf_counter()
        rules = RuleSet(synthetic_policies(options["policies"], seed=options["seed"]))
        compiled_ms = (time.perf_counter() - started) * 1000
        # Like the cached rule set of a server process, the synthetic one lives on:
        # freezing it keeps full collections from rescanning it during the runs.
        gc.freeze()
        timings = [_time_ms(profile, rules) for _ in range(max(options["runs"], 2))]
        p95 = statistics.quantiles(timings, n=20)[-1]
        self.stdout.write(
            f"{len(rules)} synthetic policies (compiled in {compiled_ms:.0f} ms), "
            f"{len(timings)} runs: median {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms"
        )
        self._count_queries(profile)

    def _count_queries(self, profile: dict[str, object]) -> None:
        selectors.rule_set_cache_clear()
        for cache in ("cold", "warm"):
            with CaptureQueriesContext(connection) as queries:
                assessment = assess(profile, selectors.rule_set())
            self.stdout.write(
                f"Real data ({len(assessment.results)} policies), {cache} cache: "
                f"{len(queries)} queries for rule_set() + assess"
            )


def _time_ms(profile: dict[str, object], rules: RuleSet) -> float:
    started = time.perf_counter()
    assess(profile, rules)
    return (time.perf_counter() - started) * 1000
