"""Running a population: start it (inline when small, queued when large), execute
it chunk by chunk with progress, and sum it up.

A run with a draft is compared with a run of the published rules on the same
population, started with it (its ``baseline``), so the draft's impact compares
two runs made on the same day from the same rows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .. import selectors
from ..models import (
    ContentVersion,
    Policy,
    Population,
    PopulationChunk,
    PopulationEvent,
    PopulationRun,
    RunChunk,
)
from ..rules.engine import RuleSet
from ..rules.errors import RuleError
from .impact import compare_runs
from .runner import ChunkRunner, Tally
from .services import User, record

logger = logging.getLogger("policies.population")

# Behind mail (policies.alerts.outbox.MAIL_PRIORITY) on the shared queue.
RUN_PRIORITY = 0


def run_start(
    *, population: Population, user: User, draft: Policy | None = None
) -> PopulationRun:
    """Start a run (and, with a draft, its baseline run of the published rules).

    A population of at most ``POPULATION_INLINE_ROWS`` rows is run at once, in
    this process; a larger one is queued for the task worker.
    """
    known = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        baseline = None
        if draft is not None:
            baseline = PopulationRun.objects.create(
                population=population,
                rows_total=population.row_count,
                created_by=known,
            )
        run = PopulationRun.objects.create(
            population=population,
            draft=draft,
            draft_label=f"{draft.code} v{draft.version}" if draft else "",
            baseline=baseline,
            rows_total=population.row_count,
            created_by=known,
        )
        what = f"with draft {run.draft_label}" if draft else "published rules"
        record(PopulationEvent.Action.RUN, population, user, f"run {run.pk}: {what}")
        inline = population.row_count <= settings.POPULATION_INLINE_ROWS
        if not inline:
            execute_run_task.enqueue(run.pk)
    if inline:
        run_execute(run, processes=1)
    return run


@task(priority=RUN_PRIORITY)
def execute_run_task(run_id: int) -> str:
    """The worker's side: execute a queued run with its baseline (unless its
    population was deleted in the meantime)."""
    run = (
        PopulationRun.objects.select_related("population", "draft")
        .filter(pk=run_id)
        .first()
    )
    if run is None:
        return "deleted"
    run_execute(run, processes=settings.POPULATION_PROCESSES)
    return run.state


def run_execute(run: PopulationRun, *, processes: int) -> None:
    """Execute ``run``'s baseline (if any), then ``run``, recording a failure on it."""
    for each in (run.baseline, run):
        if each is not None and each.state == PopulationRun.State.QUEUED:
            _execute(each, processes)


def _rules(run: PopulationRun) -> RuleSet:
    if run.draft_label and run.draft is None:
        raise RuleError(f"the draft {run.draft_label} no longer exists")
    if run.draft is not None:
        return selectors.rule_set_with(policy=run.draft)
    return selectors.rule_set()


def _execute(run: PopulationRun, processes: int) -> None:
    run.state = PopulationRun.State.RUNNING
    run.save(update_fields=["state"])
    try:
        rules = _rules(run)
        tally = Tally()
        with ChunkRunner(rules, processes) as runner:
            for batch in _batches(run.population, max(2 * processes, 2)):
                results = runner.map([data for _index, data in batch])
                for (index, _data), (encoded, part) in zip(batch, results, strict=True):
                    RunChunk.objects.create(run=run, index=index, data=encoded)
                    tally.merge(part)
                run.rows_done = tally.rows
                PopulationRun.objects.filter(pk=run.pk).update(rows_done=tally.rows)
        run.summary = summary(tally, rules, draft=run.draft)
        if run.baseline is not None:
            run.summary["impact"] = compare_runs(run)
        run.state = PopulationRun.State.DONE
    except RuleError as error:
        run.state = PopulationRun.State.FAILED
        run.error = str(error)
    except Exception as error:
        logger.exception("population run %s failed", run.pk)
        run.state = PopulationRun.State.FAILED
        run.error = repr(error)
    run.finished_at = timezone.now()
    run.save(update_fields=["state", "summary", "error", "finished_at", "rows_done"])


def _batches(population: Population, size: int) -> Iterator[list[tuple[int, bytes]]]:
    """The population's chunks, a few at a time, so memory stays bounded."""
    indexes = list(population.chunks.values_list("index", flat=True))
    for start in range(0, len(indexes), size):
        wanted = indexes[start : start + size]
        rows = PopulationChunk.objects.filter(
            population=population, index__in=wanted
        ).order_by("index")
        yield [
            (index, bytes(data)) for index, data in rows.values_list("index", "data")
        ]


def summary(
    tally: Tally, rules: RuleSet, *, draft: Policy | None = None
) -> dict[str, object]:
    """What a run's page shows, by policy code and district slug (titles and
    names are looked up in the reader's language when shown)."""
    policies = []
    for policy in rules.policies:
        eligible, needs_info, low, high = tally.policies.get(policy.code, [0, 0, 0, 0])
        policies.append(
            {
                "code": policy.code,
                "region": policy.region,
                "eligible": eligible,
                "needs_info": needs_info,
                "not_eligible": tally.rows - eligible - needs_info,
                "sum_min": low,
                "sum_max": high,
            }
        )
    districts = [
        {
            "district": district,
            "enterprises": counts[0],
            "eligible_any": counts[1],
            "estimate_min": counts[2],
            "estimate_max": counts[3],
        }
        for district, counts in sorted(tally.districts.items())
    ]
    return {
        "content_version": ContentVersion.current(),
        "draft": draft.code if draft else None,
        "enterprises": tally.rows,
        "eligible_any": sum(d["eligible_any"] for d in districts),
        "estimate_min": sum(d["estimate_min"] for d in districts),
        "estimate_max": sum(d["estimate_max"] for d in districts),
        "policies": policies,
        "districts": districts,
    }
