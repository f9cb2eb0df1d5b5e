"""``manage.py benchmark_population --size N``: time a population run at scale.

The issue's targets, against the 21 seed policies (the database's published
rules): 100,000 synthetic enterprises in at most 5 s and 1,000,000 in at most
60 s on a 2-core machine, with peak memory of at most 2 GB, and the ratio to a
plain loop over ``assess()`` measured in the same run.

The population is generated and encoded first, as ``synthetic_population``
stores it, and is not timed. The run is timed as a stored population runs:
every chunk decoded, assessed, encoded and tallied, in ``--processes`` forked
workers. The plain loop decodes the same chunks and calls ``assess()`` on each
row in this process, on the first ``--loop-rows`` rows (all by default), and
its rate is compared with the run's.
"""

import gc
import os
import resource
import time
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandParser

from policies import selectors
from policies.population import codec
from policies.population.runner import ChunkRunner, Tally
from policies.population.services import chunked, synthetic_rows
from policies.rules.engine import RuleSet, assess


class Command(BaseCommand):
    help = "Time a run over a synthetic population against the published rules."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--processes", type=int, default=2)
        parser.add_argument(
            "--loop-rows",
            type=int,
            default=0,
            help="Rows for the plain assess() loop (0: the whole population).",
        )

    def handle(self, *args: object, **options: int) -> None:
        size, processes = options["size"], options["processes"]
        rules = selectors.rule_set()
        started = time.perf_counter()
        blobs = _encoded(size, options["seed"])
        self.stdout.write(
            f"Generated {size} synthetic enterprises in {len(blobs)} chunks "
            f"({time.perf_counter() - started:.1f} s, not timed); "
            f"{len(rules)} published policies."
        )
        gc.collect()
        gc.freeze()
        run = _timed(lambda: _run(blobs, rules, processes))
        tally = run.result
        loop = _timed(lambda: _plain_loop(blobs, rules, options["loop_rows"] or size))
        loop_rows = loop.result
        run_rate, loop_rate = tally.rows / run.wall, loop_rows / loop.wall
        parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        self.stdout.write(
            f"Run: {tally.rows} enterprises in {run.wall:.2f} s "
            f"({run_rate:,.0f}/s; {processes} processes, {run.cpu:.2f} s of CPU)\n"
            f"Plain loop over assess(): {loop_rows} enterprises in {loop.wall:.2f} s "
            f"({loop_rate:,.0f}/s; 1 process, {loop.cpu:.2f} s of CPU)\n"
            f"Ratio of rates: the run is {run_rate / loop_rate:.1f} times the loop "
            f"(per CPU second: {(tally.rows / run.cpu) / (loop_rows / loop.cpu):.1f})\n"
            f"Peak memory: this process {parent:.0f} MB, largest worker "
            f"{worker:.0f} MB, at most {parent + processes * worker:.0f} MB in all\n"
            f"Load average at the end: {' '.join(f'{n:.2f}' for n in os.getloadavg())}"
        )


@dataclass
class Timing:
    result: object
    wall: float
    cpu: float  # this process and its finished workers


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _timed(work) -> Timing:
    wall, cpu = time.perf_counter(), _cpu()
    result = work()
    return Timing(result, time.perf_counter() - wall, _cpu() - cpu)


def _run(blobs: list[bytes], rules: RuleSet, processes: int) -> Tally:
    tally = Tally()
    with ChunkRunner(rules, processes) as runner:
        window = max(2 * processes, 2)
        for start in range(0, len(blobs), window):
            for _encoded_results, part in runner.map(blobs[start : start + window]):
                tally.merge(part)
    return tally


def _encoded(size: int, seed: int) -> list[bytes]:
    return [codec.encode_rows(chunk) for chunk in chunked(synthetic_rows(size, seed))]


def _plain_loop(blobs: list[bytes], rules: RuleSet, limit: int) -> int:
    done = 0
    for blob in blobs:
        if done >= limit:
            break
        for _code, _name, profile in codec.typed_rows(blob):
            assess(profile, rules)
            done += 1
    return done
