"""What if the enterprise were in another district? The same answers, assessed as if
it moved to each district that has policies of its own.

A move is a new settlement: the district changes, ``years_since_settlement`` becomes
0, and every other answer stays as given. A district key-enterprise status is kept,
but each district recognises its own key enterprises, so outcomes that rely on it are
flagged. The districts come from the rules (policy-level ``district == X``
criteria), never from a list, so a district whose first policy is published joins
the comparison by itself. Pure Python, like the rest of the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .amounts import Amount
from .definitions import PolicyRule
from .engine import Assessment, Outcome, RuleSet, assess
from .vocabulary import Status

DISTRICT = "district"
SETTLEMENT = "years_since_settlement"
KEY_ENTERPRISE = "district_key_enterprise"


def policy_districts(policies: Iterable[PolicyRule]) -> tuple[str, ...]:
    """The districts that policies are limited to, in the order they first appear."""
    found: dict[str, None] = {}
    for policy in policies:
        if policy.district is not None:
            found.setdefault(policy.district)
    return tuple(found)


def moved(profile: Mapping[str, object], district: str) -> dict[str, object]:
    """``profile`` as if the enterprise had just settled in ``district``."""
    return {**profile, DISTRICT: district, SETTLEMENT: Decimal(0)}


def _tests_key_status(outcome: Outcome) -> bool:
    """Whether the policy, or the route that pays, tests key-enterprise status."""
    criteria = outcome.policy.criteria + (
        outcome.route.criteria if outcome.route else ()
    )
    return any(c.fact == KEY_ENTERPRISE for c in criteria)


@dataclass(frozen=True)
class Column:
    """One district's outcomes: the enterprise's own district, or a move to another."""

    district: str | None
    current: bool
    profile: Mapping[str, object]
    assessment: Assessment

    @property
    def eligible(self) -> tuple[Outcome, ...]:
        return self.assessment.eligible

    @property
    def undecided(self) -> tuple[Outcome, ...]:
        """Policies the answers cannot decide (the check asked only what the
        enterprise's own district needed)."""
        return tuple(
            o for o in self.assessment.results if o.status is Status.NEEDS_INFO
        )

    @property
    def estimate(self) -> Amount | None:
        return self.assessment.estimate

    @property
    def most_favorable(self) -> Outcome | None:
        return self.assessment.most_favorable

    @property
    def relies_on_key_status(self) -> tuple[str, ...]:
        """Codes that hold here only because a key-enterprise status was carried
        over from another district, which this district would decide itself."""
        if self.current or self.profile.get(KEY_ENTERPRISE) is not True:
            return ()
        return tuple(o.code for o in self.eligible if _tests_key_status(o))


@dataclass(frozen=True)
class Difference:
    """How a district's column differs from the enterprise's own."""

    lost: tuple[Outcome, ...]
    gained: tuple[Outcome, ...]
    changed: tuple[tuple[Outcome, Outcome], ...]
    estimate_before: Amount | None
    estimate_after: Amount | None

    @property
    def estimate_changed(self) -> bool:
        return self.estimate_before != self.estimate_after

    @property
    def none(self) -> bool:
        return not (self.lost or self.gained or self.changed or self.estimate_changed)


def difference(current: Column, other: Column) -> Difference:
    """Policies lost and gained by the move, and those whose amount changes."""
    here = {o.code: o for o in current.eligible}
    there = {o.code: o for o in other.eligible}
    return Difference(
        lost=tuple(o for code, o in here.items() if code not in there),
        gained=tuple(o for code, o in there.items() if code not in here),
        changed=tuple(
            (o, there[code])
            for code, o in here.items()
            if code in there and o.amount != there[code].amount
        ),
        estimate_before=current.estimate,
        estimate_after=other.estimate,
    )


@dataclass(frozen=True)
class Comparison:
    """The enterprise's own district first, then each other district with policies."""

    current: Column
    others: tuple[Column, ...]

    @property
    def columns(self) -> tuple[Column, ...]:
        return (self.current, *self.others)

    @property
    def key_status_carried(self) -> bool:
        """A key-enterprise status was given, and carried over to the others."""
        return self.current.profile.get(KEY_ENTERPRISE) is True and bool(self.others)

    def difference(self, column: Column) -> Difference:
        return difference(self.current, column)


def compare(profile: Mapping[str, object], rule_set: RuleSet) -> Comparison:
    """Assess ``profile`` (parsed) as given and as if moved to each other district."""
    own = profile.get(DISTRICT)
    current = Column(own, True, profile, assess(profile, rule_set))
    others = tuple(
        Column(district, False, edited, assess(edited, rule_set))
        for district in policy_districts(rule_set.policies)
        if district != own
        for edited in (moved(profile, district),)
    )
    return Comparison(current, others)
