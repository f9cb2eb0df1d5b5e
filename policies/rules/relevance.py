"""Which input facts could still change an outcome, read from the rules themselves.

The wizard asks a question only when some policy still open to the enterprise needs
its answer. "Needs" is read from the rule data: the facts a policy's criteria, its
routes' criteria and its amounts refer to, with derived facts traced back to their
inputs through the catalogue. A criterion staff add on an existing fact is therefore
asked for without any change to the wizard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .criteria import CriterionRule, Test, compile_test
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


class _Part:
    """A policy's own criteria, or one route's criteria and amount: its compiled
    tests, and the input facts it needs while none of them has failed."""

    __slots__ = ("tests", "facts")

    def __init__(
        self, criteria: Sequence[CriterionRule], amount_inputs: Iterable[str] = ()
    ) -> None:
        self.tests: tuple[Test, ...] = tuple(compile_test(c) for c in criteria)
        self.facts = input_facts([c.fact for c in criteria] + list(amount_inputs))

    def failed(self, values: Mapping[str, object]) -> bool:
        return any(test(values) is False for test in self.tests)


def _route(route: RouteRule) -> _Part:
    return _Part(route.criteria, route.amount.inputs)


class Relevance:
    """The policies compiled once for asking questions; share it between requests."""

    def __init__(self, policies: Iterable[PolicyRule]) -> None:
        self._policies = tuple(
            (
                _Part(p.criteria),
                tuple(_route(r) for r in p.main_routes),
                tuple(_route(r) for r in p.add_ons),
            )
            for p in policies
        )

    def needed(self, values: Mapping[str, object]) -> frozenset[str]:
        """The input facts that could still change some policy's outcome.

        ``values`` are the derived values of the answers so far (``facts.derive``).
        A policy needs nothing once one of its own criteria fails or every route
        has failed: it is not eligible whatever else is said. Otherwise its own
        criteria count, with the routes and add-ons none of whose criteria has
        failed yet.
        """
        needed: set[str] = set()
        for own, routes, add_ons in self._policies:
            if own.failed(values):
                continue
            open_routes = [r for r in routes if not r.failed(values)]
            if not open_routes:
                continue
            needed |= own.facts
            for part in open_routes + [a for a in add_ons if not a.failed(values)]:
                needed |= part.facts
        return frozenset(needed)
