"""Assessing a whole population with the engine, a chunk at a time, in processes.

There is one engine: each row goes through ``derive``, ``RuleSet.evaluated`` and
``settle``, the steps of ``assess`` itself, minus the outcomes of policies
limited to other districts, which are not eligible without being evaluated and
are left out of the stored result. What is kept per enterprise is what the
outreach list and the draft's impact need:

    [code, name, district, estimate_min, estimate_max,
     [[policy, status, amount_min, amount_max, displaced_by, [missing...]], ...]]

with only the outcomes that are eligible or need information. A ``Tally`` adds
up a chunk's rows (per policy, per district, in all) and tallies add up.

Chunks are spread over worker processes forked from the caller, which inherit
the compiled rule set: closures cannot be pickled, and need not be. Pure
Python, no Django: a worker touches no database.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..rules.engine import RuleSet, settle
from ..rules.facts import derive
from ..rules.vocabulary import Status
from .codec import encode_results, typed_rows

ELIGIBLE = Status.ELIGIBLE
NOT_ELIGIBLE = Status.NOT_ELIGIBLE
NO_DISTRICT = ""


def assess_row(
    code: str, name: str, profile: dict[str, object], rules: RuleSet
) -> list:
    """One enterprise's stored result (see the module's docstring)."""
    values = derive(profile)
    found = rules.evaluated(values)
    _best, estimate = settle(found)
    outcomes = []
    for outcome in found:
        if outcome.status is NOT_ELIGIBLE:
            continue
        amount = outcome.amount
        outcomes.append(
            [
                outcome.policy.code,
                outcome.status.value,
                None if amount is None else int(amount.min),
                None if amount is None else int(amount.max),
                outcome.displaced_by,
                list(outcome.missing),
            ]
        )
    district = profile.get("district", NO_DISTRICT)
    if estimate is None:
        return [code, name, district, None, None, outcomes]
    return [code, name, district, int(estimate.min), int(estimate.max), outcomes]


def _counter() -> list[int]:
    return [0, 0, 0, 0]


@dataclass
class Tally:
    """Counts and sums over rows, by policy and by district; tallies add up.

    ``policies[code]``: eligible, needing information, sum of minimum amounts, sum
    of maximum amounts (of the eligible). ``districts[slug]``: enterprises,
    eligible for at least one policy, sum of the estimates' minimum and maximum.
    """

    rows: int = 0
    policies: dict[str, list[int]] = field(default_factory=dict)
    districts: dict[str, list[int]] = field(default_factory=dict)

    def add_row(self, result: list) -> None:
        self.rows += 1
        _code, _name, district, low, high, outcomes = result
        place = self.districts.get(district)
        if place is None:
            place = self.districts[district] = _counter()
        place[0] += 1
        if low is not None:
            place[2] += low
            place[3] += high
        eligible_any = False
        for code, status, amount_min, amount_max, _displaced, _missing in outcomes:
            counts = self.policies.get(code)
            if counts is None:
                counts = self.policies[code] = _counter()
            if status == "eligible":
                eligible_any = True
                counts[0] += 1
                if amount_min is not None:
                    counts[2] += amount_min
                    counts[3] += amount_max
            else:
                counts[1] += 1
        place[1] += eligible_any

    def merge(self, other: Tally) -> None:
        self.rows += other.rows
        for mine, theirs in (
            (self.policies, other.policies),
            (self.districts, other.districts),
        ):
            for key, counts in theirs.items():
                into = mine.setdefault(key, _counter())
                for position, value in enumerate(counts):
                    into[position] += value


def run_chunk(blob: bytes, rules: RuleSet) -> tuple[bytes, Tally]:
    """Assess every row of a stored chunk: the encoded results and their tally."""
    tally = Tally()
    results = []
    for code, name, profile in typed_rows(blob):
        result = assess_row(code, name, profile, rules)
        tally.add_row(result)
        results.append(result)
    return encode_results(results), tally


_rules_for_workers: RuleSet | None = None


def _work(blob: bytes) -> tuple[bytes, Tally]:
    return run_chunk(blob, _rules_for_workers)


def _worker_start() -> None:
    # The rule set and the modules inherited from the parent live as long as the
    # worker; a row's objects form no cycles, so collection would only rescan them.
    gc.freeze()
    gc.disable()


class ChunkRunner:
    """Runs chunks in ``processes`` forked workers (in this process when 1).

    Use as a context manager; ``map`` keeps the chunks' order.
    """

    def __init__(self, rules: RuleSet, processes: int) -> None:
        self.rules = rules
        self.processes = processes
        self._pool = None

    def __enter__(self) -> ChunkRunner:
        global _rules_for_workers
        if self.processes > 1:
            _rules_for_workers = self.rules
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.processes, initializer=_worker_start)
        return self

    def __exit__(self, error_type: object, *exc: object) -> None:
        global _rules_for_workers
        if self._pool is not None:
            if error_type is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
        _rules_for_workers = None

    def map(self, blobs: Sequence[bytes]) -> list[tuple[bytes, Tally]]:
        if self._pool is None:
            return [run_chunk(blob, self.rules) for blob in blobs]
        return self._pool.map(_work, blobs, chunksize=1)
