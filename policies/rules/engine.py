"""Assess a profile against a rule set: policy outcomes, routes, add-ons, non-stacking.

A ``RuleSet`` compiles its policies once into closures, so that ``assess`` does
little more than call them; policies limited to another district than the
profile's are settled as not eligible without evaluating them.

A policy is eligible when its criteria and at least one route hold; the route with
the highest maximum (then minimum) gives the amount, and add-ons that hold are
added to it. It is not eligible when a criterion fails or every route fails, and
needs information otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from .amounts import Amount, AmountRule, Rate, Term, compile_amount
from .criteria import CriterionRule, compile_test
from .definitions import PolicyRule, RouteRule, check_policy
from .facts import derive
from .outcomes import DEFAULT_NEAR_MISS_MARGIN, Assessment, Outcome
from .vocabulary import Status

__all__ = [
    "AmountRule",
    "Assessment",
    "CriterionRule",
    "Outcome",
    "PolicyRule",
    "Rate",
    "RouteRule",
    "RuleSet",
    "Term",
    "assess",
    "settle",
]

FAILS = object()  # a route's criteria do not hold
NON_MONETARY_KEY = (Decimal(-1), Decimal(-1))  # any money is more favorable


class _CompiledRoute:
    __slots__ = ("rule", "tests", "amount_of")

    def __init__(self, rule: RouteRule) -> None:
        self.rule = rule
        self.tests = tuple((compile_test(c), c.fact) for c in rule.criteria)
        self.amount_of = compile_amount(rule.amount)

    def evaluate(self, values: Mapping[str, object]) -> object:
        """``FAILS``, the facts still missing, or the amount (``None``: no money)."""
        unknown: tuple[str, ...] = ()
        for test, fact in self.tests:
            met = test(values)
            if met is None:
                unknown += (fact,)
            elif not met:
                return FAILS
        return unknown or self.amount_of(values)


def _key(amount: Amount | None) -> tuple[Decimal, Decimal]:
    return NON_MONETARY_KEY if amount is None else amount.key


class _CompiledPolicy:
    __slots__ = ("rule", "tests", "routes", "add_ons", "district", "near_miss_margin")

    def __init__(self, rule: PolicyRule, near_miss_margin: Decimal) -> None:
        self.rule = rule
        self.near_miss_margin = near_miss_margin
        self.tests = tuple((compile_test(c), c.fact) for c in rule.criteria)
        self.routes = tuple(_CompiledRoute(r) for r in rule.main_routes)
        self.add_ons = tuple(_CompiledRoute(r) for r in rule.add_ons)
        self.district = rule.district

    def outcome(self, values: Mapping[str, object], status: Status, **found) -> Outcome:
        return Outcome(
            self.rule, values, status, near_miss_margin=self.near_miss_margin, **found
        )

    def evaluate(self, values: Mapping[str, object]) -> Outcome:
        missing: list[str] = []
        for test, fact in self.tests:
            met = test(values)
            if met is None:
                missing.append(fact)
            elif not met:
                return self.outcome(values, Status.NOT_ELIGIBLE)
        best = best_route = best_key = None
        undecided = []
        for route in self.routes:
            result = route.evaluate(values)
            if result is FAILS:
                continue
            if result.__class__ is tuple:
                undecided.append((route, result))
                continue
            key = _key(result)
            if best_key is None or key > best_key:
                best, best_route, best_key = result, route.rule, key
        if best_key is None:
            if not undecided:
                return self.outcome(values, Status.NOT_ELIGIBLE)
            missing += [fact for _route, facts in undecided for fact in facts]
            return self.outcome(values, Status.NEEDS_INFO, missing=missing)
        policy_undecided = bool(missing)
        missing += _could_raise(undecided, best_key, values)
        for add_on in self.add_ons:
            result = add_on.evaluate(values)
            if result.__class__ is tuple:
                missing += result
            elif result is not FAILS:
                best = result if best is None else best + result
        if policy_undecided:
            return self.outcome(values, Status.NEEDS_INFO, missing=missing)
        return self.outcome(
            values, Status.ELIGIBLE, amount=best, route=best_route, missing=missing
        )


def _could_raise(
    undecided: list[tuple[_CompiledRoute, tuple[str, ...]]],
    best_key: tuple[Decimal, Decimal],
    values: Mapping[str, object],
) -> list[str]:
    """Facts of undecided routes that might give more than the best route holding:
    a route whose amount is not yet known might, unless its ceiling is below."""
    missing = []
    for route, facts in undecided:
        amount = route.amount_of(values)
        if amount.__class__ is tuple:
            ceiling = route.rule.amount.ceiling
            if ceiling is None or (ceiling, ceiling) > best_key:
                missing += facts
        elif _key(amount) > best_key:
            missing += facts
    return missing


class RuleSet:
    """Policies compiled for assessment, in the guide's order.

    Construction checks every rule (``RuleError`` names the policy) and compiles
    criteria and amounts into closures; a rule set is immutable and can be shared
    between requests. ``near_miss_margin`` is how close a missed figure must come
    to its bound for the outcome to call it a near miss.
    """

    def __init__(
        self,
        policies: Iterable[PolicyRule],
        *,
        near_miss_margin: Decimal = DEFAULT_NEAR_MISS_MARGIN,
    ) -> None:
        self.policies = tuple(check_policy(p) for p in policies)
        self._compiled = tuple(
            _CompiledPolicy(p, near_miss_margin) for p in self.policies
        )
        self._by_district: dict[str, tuple[_CompiledPolicy, ...]] = {}

    def __len__(self) -> int:
        return len(self.policies)

    def outcomes(self, values: Mapping[str, object]) -> list[Outcome]:
        """Every policy's outcome, skipping the evaluation of other districts'."""
        district = values.get("district")
        if not isinstance(district, str):
            return [p.evaluate(values) for p in self._compiled]
        skipped = Status.NOT_ELIGIBLE
        return [
            p.evaluate(values)
            if p.district is None or p.district == district
            else p.outcome(values, skipped)
            for p in self._compiled
        ]

    def evaluated(self, values: Mapping[str, object]) -> list[Outcome]:
        """The outcomes of the policies open to the profile's district (every
        policy's when the district is not known), in order. Each policy left out is
        not eligible, as ``outcomes`` says; a population run reads only these."""
        district = values.get("district")
        if not isinstance(district, str):
            return [p.evaluate(values) for p in self._compiled]
        applying = self._by_district.get(district)
        if applying is None:
            applying = self._by_district[district] = tuple(
                p for p in self._compiled if p.district in (None, district)
            )
        return [p.evaluate(values) for p in applying]


def assess(profile: Mapping[str, object], rule_set: RuleSet) -> Assessment:
    """Assess a parsed profile (see ``profile.parse``) against ``rule_set``."""
    values = derive(profile)
    results = rule_set.outcomes(values)
    most_favorable, estimate = settle(results)
    return Assessment(tuple(results), most_favorable, estimate, values)


def settle(results: list[Outcome]) -> tuple[Outcome | None, Amount | None]:
    """The non-stacking rule: the most favorable outcome, and the estimate that adds
    the best of each group to every ungrouped amount. Marks each outcome its
    group's best displaces. Outcomes that are not eligible may be left out."""
    monetary = [o for o in results if o.amount is not None]
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in monetary:
        if outcome.policy.stacking_group is not None:
            groups[outcome.policy.stacking_group].append(outcome)
    best_of_group = {group: _most_favorable(found) for group, found in groups.items()}
    estimate: Amount | None = None
    for outcome in monetary:
        group = outcome.policy.stacking_group
        best = best_of_group.get(group, outcome)
        if best is outcome:
            estimate = outcome.amount if estimate is None else estimate + outcome.amount
        else:
            outcome.displaced_by = best.code
    return _most_favorable(monetary), estimate


def _most_favorable(outcomes: list[Outcome]) -> Outcome | None:
    """The highest maximum, then the highest minimum, then the first in order."""
    best = None
    for outcome in outcomes:
        if best is None or outcome.amount.key > best.amount.key:
            best = outcome
    return best
