"""Which input facts could still change an outcome, read from the rules themselves.

The wizard asks a question only when some policy still open to the enterprise needs
its answer. "Needs" is read from the rule data: the facts a policy's criteria, its
routes' criteria and its amounts refer to, with derived facts traced back to their
inputs through the catalogue. A criterion staff add on an existing fact is therefore
asked for without any change to the wizard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .criteria import CriterionRule, evaluate
from .definitions import PolicyRule, RouteRule
from .facts import CATALOGUE


def input_facts(names: Iterable[str]) -> frozenset[str]:
    """``names`` with every derived fact replaced by the inputs it is computed from."""
    inputs: set[str] = set()
    pending = list(names)
    while pending:
        fact = CATALOGUE[pending.pop()]
        if fact.derived:
            pending.extend(fact.inputs)
        else:
            inputs.add(fact.name)
    return frozenset(inputs)


def _failed(rules: Iterable[CriterionRule], values: Mapping[str, object]) -> bool:
    return any(evaluate(rule, values) is False for rule in rules)


def _route_facts(route: RouteRule) -> Iterable[str]:
    yield from (rule.fact for rule in route.criteria)
    yield from route.amount.inputs


def open_facts(policy: PolicyRule, values: Mapping[str, object]) -> frozenset[str]:
    """The input facts that could still change ``policy``'s outcome.

    ``values`` are the derived values of the answers so far (``facts.derive``).
    Nothing is needed once a policy-level criterion fails or every route has
    failed: the policy is not eligible whatever else is said. Otherwise the policy's
    own criteria count, with the routes and add-ons none of whose criteria has
    failed yet.
    """
    if _failed(policy.criteria, values):
        return frozenset()
    routes = [r for r in policy.main_routes if not _failed(r.criteria, values)]
    if not routes:
        return frozenset()
    routes += [r for r in policy.add_ons if not _failed(r.criteria, values)]
    names = [rule.fact for rule in policy.criteria]
    for route in routes:
        names.extend(_route_facts(route))
    return input_facts(names)


def still_needed(
    policies: Iterable[PolicyRule], values: Mapping[str, object]
) -> frozenset[str]:
    """The union of ``open_facts`` over ``policies``."""
    needed: set[str] = set()
    for policy in policies:
        needed |= open_facts(policy, values)
    return frozenset(needed)
