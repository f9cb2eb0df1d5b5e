"""``manage.py benchmark_pages``: how long the public pages and the check's results
take to render in this process, and how many queries each costs.

The suite holds the query counts (``tests/test_query_counts.py``); the times live
here, where a loaded machine cannot fail a test. Each page is rendered once cold
(empty page cache, rules compiled afresh) and then ``--runs`` times warm; a page
that the page cache serves shows the cost of a hit. The check's old budget was
100 ms a page; ``loadtest/walk_wizard.py`` measures the same pages over HTTP.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from policies import selectors, sharing
from policies.models import Region
from policies.rules.profile import parse
from policies.rules.synthetic import BENCHMARK_PROFILE

BUDGET_MS = 100


def pages() -> dict[str, str]:
    """The pages timed, by name; the results and comparison of one enterprise."""
    token = sharing.encode(parse(BENCHMARK_PROFILE))
    region = Region.objects.order_by("order").values_list("slug", flat=True).last()
    return {
        "home": reverse("policies:home"),
        "region": reverse("policies:region", kwargs={"slug": region}),
        "policy list": reverse("policies:policy_list"),
        "search": reverse("policies:policy_list") + "?q=subsidy",
        "first question": reverse("policies:check_step", kwargs={"step": "location"}),
        "results": reverse("policies:check_shared", kwargs={"token": token}),
        "comparison": reverse("policies:check_compare", kwargs={"token": token}),
    }


class Command(BaseCommand):
    help = "Time the public pages and the check's results in-process; count queries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args: object, **options: int) -> None:
        if not Region.objects.exists():
            raise CommandError("No content: run `manage.py load_seed` first.")
        host = next((h for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost")
        client = Client(
            HTTP_HOST=host.lstrip("."), headers={"X-Forwarded-Proto": "https"}
        )
        runs = max(options["runs"], 2)
        # The benchmark asks far more often than a visitor may: no rate limit here.
        with override_settings(RATE_LIMITS={}):
            for name, path in pages().items():
                self._one(name, lambda path=path: client.get(path, secure=True), runs)

    def _one(self, name: str, fetch: Callable, runs: int) -> None:
        cache.clear()
        selectors.rule_set_cache_clear()
        cold_ms, cold_queries = _timed(fetch)
        warm = [_timed(fetch) for _ in range(runs)]
        times = [ms for ms, _queries in warm]
        p95 = statistics.quantiles(times, n=20)[-1]
        flag = "" if p95 <= BUDGET_MS else f"  (over {BUDGET_MS} ms)"
        self.stdout.write(
            f"{name:15} cold {cold_ms:6.1f} ms {cold_queries:3} queries | "
            f"warm median {statistics.median(times):6.1f} ms, p95 {p95:6.1f} ms, "
            f"{warm[-1][1]} queries{flag}"
        )


def _timed(fetch: Callable) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = fetch()
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise CommandError(
            f"{response.status_code} from {response.request['PATH_INFO']}"
        )
    return elapsed, len(queries)
