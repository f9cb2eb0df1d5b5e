"""What an undecided policy could be worth, and which answers could raise the estimate.

Read from the rule data alone, so the results can say "up to CNY 2,000,000 if you
answer the special funds question" for any policy staff write: a route not yet
failed gives at most the amount already worked out from the figures given, else
its fixed amount, maximum or cap; a rate schedule whose rate is not known yet is
tried at each of its rates; add-ons not yet failed add theirs. A computed amount
with no cap and a figure missing has no ceiling, and is said to depend on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .amounts import Amount, AmountRule, compute
from .facts import MISSING
from .outcomes import Assessment, Outcome
from .vocabulary import AmountKind, RouteRole, Status

ZERO = Decimal(0)


def upper_bound(rule: AmountRule, values: Mapping[str, object]) -> Decimal | None:
    """The most a route's amount can be with the figures given so far; ``None``
    when nothing bounds it yet."""
    if not rule.monetary:
        return ZERO
    trial = dict(values)
    if rule.kind is AmountKind.RATE_SCHEDULE:
        if rule.limit_fact and trial[rule.limit_fact] is MISSING:
            trial[rule.limit_fact] = rule.limit  # within the limit: the whole base
        if trial[rule.schedule_fact] is MISSING:
            bounds = [
                upper_bound(rule, {**trial, rule.schedule_fact: step.at})
                for step in rule.schedule
            ]
            return None if None in bounds else max(bounds, default=ZERO)
    amount = compute(rule, trial)
    return amount.max if amount is not None else rule.ceiling


def could_be_worth(outcome: Outcome) -> Amount | None:
    """For a policy not yet decided, or eligible with answers still missing: the
    most it could give once they are in, as "up to" that. ``None`` when it is not
    eligible, gives no money, or has no ceiling yet."""
    if outcome.status is Status.NOT_ELIGIBLE:
        return None
    open_routes = [r for r in outcome.routes if r.met is not False]
    routes = [r for r in open_routes if r.rule.role is RouteRole.ROUTE]
    add_ons = [r for r in open_routes if r.rule.role is RouteRole.ADD_ON]
    routes_bounds = [upper_bound(r.rule.amount, outcome.values) for r in routes]
    add_on_bounds = [upper_bound(r.rule.amount, outcome.values) for r in add_ons]
    if None in routes_bounds or None in add_on_bounds:
        return None
    most = max(routes_bounds, default=ZERO) + sum(add_on_bounds, ZERO)
    return Amount(ZERO, most) if most else None


@dataclass(frozen=True)
class Prospect:
    """A policy whose missing answers could raise the estimate, and to how much
    it could come (``None``: the amount depends on the answers)."""

    outcome: Outcome
    worth: Amount | None


def prospects(assessment: Assessment) -> list[Prospect]:
    """The policies whose missing answers could raise the estimate, most first.

    Under non-stacking only a policy that could beat the best amount of its group
    raises it; an ungrouped one raises it by anything it adds.
    """
    best: dict[str | None, Decimal] = {}
    for outcome in assessment.eligible:
        if outcome.amount is not None and outcome.displaced_by is None:
            group = outcome.policy.stacking_group
            best[group] = max(best.get(group, ZERO), outcome.amount.max)
    found = []
    for outcome in assessment.results:
        undecided = outcome.status is Status.NEEDS_INFO
        if not (undecided or (outcome.status is Status.ELIGIBLE and outcome.missing)):
            continue
        worth = could_be_worth(outcome)
        group = outcome.policy.stacking_group
        if group is None:
            current = outcome.amount.max if outcome.amount is not None else ZERO
        else:
            current = best.get(group, ZERO)
        if worth is None:
            if undecided and _unbounded(outcome):
                found.append(Prospect(outcome, None))
        elif worth.max > current:
            found.append(Prospect(outcome, worth))
    return sorted(found, key=lambda p: -(p.worth.max if p.worth else ZERO))


def _unbounded(outcome: Outcome) -> bool:
    """Money whose ceiling waits for an answer (not a benefit that is not money)."""
    return any(r.met is not False and r.rule.amount.monetary for r in outcome.routes)
