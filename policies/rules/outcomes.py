"""What an assessment says: one outcome per policy, and the non-stacking summary.

Statuses and amounts are decided up front, in the hot path. Everything a page
shows besides (criterion by criterion, route by route, the near miss, the
arithmetic) is worked out on first access, so a check of thousands of policies
pays only for the few a visitor reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from . import amounts, criteria, explain
from .amounts import Amount
from .criteria import CriterionRule
from .definitions import PolicyRule, RouteRule
from .facts import CATALOGUE, MISSING, FactType
from .text import N_, clauses, say
from .vocabulary import RouteRole, Status

FAR = Decimal("Infinity")
# How close a figure must come to a threshold, as a share of it, for the results to
# call the policy a near miss ("within 20% of it"). A matter of presentation, not a
# rule of any policy: a policy missed by more is listed with the others, with why.
# A rule set may be given another (the portal's NEAR_MISS_MARGIN setting).
DEFAULT_NEAR_MISS_MARGIN = Decimal("0.2")


@dataclass(frozen=True)
class CriterionResult:
    """One criterion as it came out: the value found, met or not, and why."""

    rule: CriterionRule
    route: str | None
    actual: object
    met: bool | None
    shortfall: Decimal | None
    text: str

    @property
    def closeness(self) -> Decimal:
        """The shortfall relative to the bound, to rank routes by how near they are;
        a miss of a zero bound ("more than 0") has no relative size and is far."""
        if self.shortfall is None or not self.actual:
            return FAR
        bound = abs(self.rule.typed_value)
        return self.shortfall / bound if bound else FAR

    def near(self, margin: Decimal) -> bool:
        """Missed by a gap worth telling: within ``margin`` of the bound, or a
        count one short of it. A miss with nothing (0 given, or a gate's "no") is
        never near, whatever the bound."""
        if self.shortfall is None or not self.actual:
            return False
        if CATALOGUE[self.rule.fact].type is FactType.INTEGER and self.shortfall <= 1:
            return True
        return self.closeness <= margin


def criterion_result(
    rule: CriterionRule, values: Mapping[str, object], route: str | None = None
) -> CriterionResult:
    met = criteria.evaluate(rule, values)
    actual = values[rule.fact]
    gap = criteria.shortfall(rule, actual)
    text = explain.criterion(rule, values, met, gap)
    return CriterionResult(rule, route, actual, met, gap, text)


@dataclass(frozen=True)
class RouteResult:
    """One route as it came out: holds (True), fails (False) or undecided (None)."""

    rule: RouteRule
    met: bool | None
    criteria: tuple[CriterionResult, ...]
    amount: Amount | None
    amount_text: str
    chosen: bool

    @property
    def failed(self) -> tuple[CriterionResult, ...]:
        return tuple(c for c in self.criteria if c.met is False)


@dataclass(frozen=True)
class NearMiss:
    """A policy missed on exactly one criterion that is a number, and by how much."""

    criterion: CriterionResult
    route: str | None
    shortfall: Decimal

    @property
    def text(self) -> str:
        return self.criterion.text


class Outcome:
    """One policy's outcome for one profile."""

    def __init__(
        self,
        policy: PolicyRule,
        values: Mapping[str, object],
        status: Status,
        amount: Amount | None = None,
        route: RouteRule | None = None,
        missing: tuple[str, ...] | list[str] = (),
        near_miss_margin: Decimal = DEFAULT_NEAR_MISS_MARGIN,
    ) -> None:
        self.policy = policy
        self.values = values
        self.status = status
        self.amount = amount
        self.route = route
        self._missing = missing
        self.near_miss_margin = near_miss_margin
        self.displaced_by: str | None = None

    def __repr__(self) -> str:
        return f"<Outcome {self.policy.code} {self.status} {self.amount}>"

    @property
    def code(self) -> str:
        return self.policy.code

    @property
    def monetary(self) -> bool:
        return self.amount is not None

    @cached_property
    def missing(self) -> tuple[str, ...]:
        """Input facts to ask for, once each: a derived fact stands for its inputs."""
        found: dict[str, None] = {}
        for name in self._missing:
            inputs = CATALOGUE[name].inputs or (name,)
            found.update(dict.fromkeys(f for f in inputs if self.values[f] is MISSING))
        return tuple(found)

    @cached_property
    def own_criteria(self) -> tuple[CriterionResult, ...]:
        """The criteria of the policy itself, which every route shares."""
        return tuple(criterion_result(c, self.values) for c in self.policy.criteria)

    @property
    def criteria(self) -> tuple[CriterionResult, ...]:
        """Every criterion: the policy's own, then each route's, in order."""
        return self.own_criteria + tuple(c for r in self.routes for c in r.criteria)

    @cached_property
    def routes(self) -> tuple[RouteResult, ...]:
        return tuple(self._route_result(route) for route in self.policy.routes)

    def _route_result(self, route: RouteRule) -> RouteResult:
        results = tuple(
            criterion_result(c, self.values, route.name) for c in route.criteria
        )
        amount = amounts.compute(route.amount, self.values)
        if any(r.met is False for r in results):
            met = False
        elif all(r.met for r in results) and (amount or not route.amount.monetary):
            met = True
        else:
            met = None
        text = amounts.explain(route.amount, self.values)
        return RouteResult(route, met, results, amount, text, route is self.route)

    @property
    def failed_criteria(self) -> tuple[CriterionResult, ...]:
        return tuple(c for c in self.criteria if c.met is False)

    @cached_property
    def amount_text(self) -> str:
        """The arithmetic of the amount: the chosen route's, plus any add-on's."""
        if self.status is not Status.ELIGIBLE or self.route is None:
            return ""
        held = [r for r in self.routes if r.chosen]
        held += [r for r in self.routes if r.rule.role is RouteRole.ADD_ON and r.met]
        parts = [
            say(N_("%(route)s: %(amount)s"), route=r.rule.name, amount=r.amount_text)
            for r in held
        ]
        return clauses(parts)

    @cached_property
    def near_miss(self) -> NearMiss | None:
        """For a policy not eligible: the one numeric criterion it failed, if only
        one, and only when the gap is worth telling (``CriterionResult.near``).

        The closest route is the one with the fewest failed criteria, then the
        smallest shortfall relative to its bound, then the first in order. Needing
        CNY 5,000,000,000 with CNY 6,000,000, or more than 0 with a "no", is not near.
        """
        if self.status is not Status.NOT_ELIGIBLE:
            return None
        own = [c for c in self.own_criteria if c.met is False]
        routes = [r for r in self.routes if r.rule.role is RouteRole.ROUTE]
        closest = min(routes, key=_distance)
        failed = own + list(closest.failed)
        if len(failed) != 1 or not failed[0].near(self.near_miss_margin):
            return None
        only = failed[0]
        return NearMiss(only, only.route, only.shortfall)


def _distance(route: RouteResult) -> tuple[int, Decimal]:
    return (len(route.failed), min((c.closeness for c in route.failed), default=0))


@dataclass(frozen=True)
class Assessment:
    """Every policy's outcome for one profile, with the non-stacking summary.

    ``most_favorable`` is the best monetary outcome overall; ``estimate`` adds up
    the best of each non-stacking group and every ungrouped eligible amount.
    """

    results: tuple[Outcome, ...]
    most_favorable: Outcome | None
    estimate: Amount | None
    values: Mapping[str, object]

    def outcome(self, code: str) -> Outcome:
        return next(o for o in self.results if o.code == code)

    @property
    def eligible(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.results if o.status is Status.ELIGIBLE)
