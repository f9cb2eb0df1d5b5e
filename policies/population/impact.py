"""A draft's impact: its run against the published rules' run, row for row.

For the draft's policy, an enterprise gains when it becomes eligible or is
eligible for more, loses when it is no longer eligible or is eligible for less
(its maximum amount, then its minimum), and otherwise stays as it was. The cost is the sum of the policy's amounts, and the estimate
the sum of every enterprise's non-stacking estimate, before and with the draft.
The ten largest changes of the policy's amount are explained in the engine's own
words: each of those enterprises is assessed again under both rule sets.

The comparison reads every row of both runs, so it is made once, when the draft's
run finishes, and kept in its summary; the reasons are worked out when shown, in
the reader's language.
"""

from __future__ import annotations

import heapq
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from .. import selectors
from ..models import PopulationChunk, PopulationRun
from ..rules.describe import fact_label
from ..rules.engine import RuleSet, assess
from ..rules.facts import CATALOGUE
from ..rules.formatting import money
from ..rules.outcomes import Outcome
from ..rules.vocabulary import Status
from .codec import decode_results, typed_rows
from .pages import district_name

LARGEST = 10


@dataclass
class Change:
    """One enterprise whose outcome for the draft's policy differs."""

    code: str
    name: str
    district: str
    before: list  # status, maximum amount (0 when not eligible)
    after: list
    where: list  # chunk index, position in it
    reasons: list[str] = field(default_factory=list)

    @property
    def district_name(self) -> str:
        return district_name(self.district)

    @property
    def delta(self) -> int:
        return self.after[1] - self.before[1]

    @property
    def delta_text(self) -> str:
        return signed_money(self.delta)


@dataclass
class Impact:
    policy: str
    enterprises: int = 0
    became_eligible: int = 0
    more: int = 0
    no_longer_eligible: int = 0
    less: int = 0
    cost_before: list[int] = field(default_factory=lambda: [0, 0])
    cost_after: list[int] = field(default_factory=lambda: [0, 0])
    estimate_before: list[int] = field(default_factory=lambda: [0, 0])
    estimate_after: list[int] = field(default_factory=lambda: [0, 0])
    largest: list[Change] = field(default_factory=list)

    @property
    def gain(self) -> int:
        return self.became_eligible + self.more

    @property
    def lose(self) -> int:
        return self.no_longer_eligible + self.less

    @property
    def cost_change(self) -> list[int]:
        return [a - b for a, b in zip(self.cost_after, self.cost_before, strict=True)]

    @property
    def estimate_change(self) -> list[int]:
        return [
            a - b
            for a, b in zip(self.estimate_after, self.estimate_before, strict=True)
        ]

    @property
    def texts(self) -> dict[str, str]:
        """Each sum as a range in words, and each change with its sign."""
        return {
            "cost_before": money_range(self.cost_before),
            "cost_after": money_range(self.cost_after),
            "cost_change": money_range(self.cost_change, signed=True),
            "estimate_before": money_range(self.estimate_before),
            "estimate_after": money_range(self.estimate_after),
            "estimate_change": money_range(self.estimate_change, signed=True),
        }


def signed_money(value: int) -> str:
    if value > 0:
        return f"+{money(value)}"
    return f"−{money(-value)}" if value < 0 else money(0)


def money_range(pair: list[int], *, signed: bool = False) -> str:
    write = signed_money if signed else money
    low, high = pair
    return write(low) if low == high else f"{write(low)} – {write(high)}"


def _policy_outcome(outcomes: list, code: str) -> tuple[str, int, int]:
    """The status of ``code`` in a stored result, and its amount if eligible."""
    for policy, status, low, high, _displaced, _missing in outcomes:
        if policy == code and status == "eligible":
            return status, low or 0, high or 0
        if policy == code:
            return status, 0, 0
    return "not_eligible", 0, 0


def compare_runs(run: PopulationRun) -> dict:
    """Compare ``run`` (with a draft) with its baseline, row for row; the impact
    as the summary keeps it."""
    impact = Impact(policy=run.summary["draft"])
    before_chunks = run.baseline.chunks.order_by("index").values_list("index", "data")
    after_chunks = dict(run.chunks.values_list("index", "data"))
    changes = (
        change
        for index, before_blob in before_chunks
        for position, (before, after) in enumerate(
            zip(
                decode_results(before_blob),
                decode_results(after_chunks[index]),
                strict=True,
            )
        )
        if (change := _compare(impact, before, after, [index, position])) is not None
    )
    impact.largest = heapq.nsmallest(
        LARGEST, changes, key=lambda c: (-abs(c.delta), c.code)
    )
    return asdict(impact)


def draft_impact(run: PopulationRun) -> Impact | None:
    """The impact kept in a draft run's summary, its largest changes explained."""
    kept = (run.summary or {}).get("impact")
    if kept is None:
        return None
    impact = Impact(**{**kept, "largest": [Change(**c) for c in kept["largest"]]})
    _explain(run, impact.largest)
    return impact


def _compare(impact: Impact, before: list, after: list, where) -> Change | None:
    impact.enterprises += 1
    for total, row in (
        (impact.estimate_before, before),
        (impact.estimate_after, after),
    ):
        total[0] += row[3] or 0
        total[1] += row[4] or 0
    was, was_min, was_max = _policy_outcome(before[5], impact.policy)
    now, now_min, now_max = _policy_outcome(after[5], impact.policy)
    impact.cost_before[0] += was_min
    impact.cost_before[1] += was_max
    impact.cost_after[0] += now_min
    impact.cost_after[1] += now_max
    if was == "eligible" and now != "eligible":
        impact.no_longer_eligible += 1
    elif now == "eligible" and was != "eligible":
        impact.became_eligible += 1
    elif now == was == "eligible" and (now_max, now_min) > (was_max, was_min):
        impact.more += 1
    elif now == was == "eligible" and (now_max, now_min) < (was_max, was_min):
        impact.less += 1
    else:
        return None
    code, name, district = before[0], before[1], before[2]
    return Change(
        code, name, district_name(district), (was, was_max), (now, now_max), where
    )


def _explain(run: PopulationRun, changes: list[Change]) -> None:
    """Give each change the engine's reasons under the published rules and the draft."""
    if not changes:
        return
    published = selectors.rule_set()
    with_draft = selectors.rule_set_with(policy=run.draft) if run.draft else None
    indexes = {change.where[0] for change in changes}
    blobs = dict(
        PopulationChunk.objects.filter(
            population=run.population_id, index__in=indexes
        ).values_list("index", "data")
    )
    rows = {index: typed_rows(blob) for index, blob in blobs.items()}
    for change in changes:
        _code, _name, profile = rows[change.where[0]][change.where[1]]
        change.reasons = [
            _("Published: %(reason)s") % {"reason": _reason(profile, published, run)},
        ]
        if with_draft is not None:
            change.reasons.append(
                _("With the draft: %(reason)s")
                % {"reason": _reason(profile, with_draft, run)}
            )


def _reason(profile: dict, rules: RuleSet, run: PopulationRun) -> str:
    outcome = assess(profile, rules).outcome(run.summary["draft"])
    return outcome_words(outcome)


def outcome_words(outcome: Outcome) -> str:
    """An outcome in a sentence: the amount's arithmetic, the criteria that fail,
    or the facts still needed."""
    if outcome.status is Status.ELIGIBLE:
        return _("eligible; %(arithmetic)s") % {
            "arithmetic": outcome.amount_text or _("no money amount")
        }
    if outcome.status is Status.NEEDS_INFO:
        facts = "; ".join(fact_label(CATALOGUE[f]) for f in outcome.missing)
        return _("needs information: %(facts)s") % {"facts": facts}
    failed = "; ".join(c.text for c in outcome.failed_criteria)
    return _("not eligible: %(criteria)s") % {"criteria": failed}
