"""What a policy's rules are, as plain data: criteria, routes and their amounts.

These dataclasses are what ``selectors.rule_set()`` builds from the database and
what the benchmark builds by the thousand; ``check_policy`` refuses data the engine
could not evaluate, naming the policy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import amounts, criteria
from .amounts import AmountRule
from .criteria import CriterionRule
from .errors import RuleError
from .facts import CATALOGUE
from .text import N_, say
from .vocabulary import Operator, RouteMode, RouteRole


@dataclass(frozen=True, slots=True)
class RouteRule:
    """A way to qualify (a band, tier or branch) with its own criteria and amount.

    An add-on is not a way to qualify: when the policy is eligible and the add-on's
    criteria hold, its amount is added to the chosen route's.
    """

    name: str
    amount: AmountRule
    criteria: tuple[CriterionRule, ...] = ()
    role: RouteRole = RouteRole.ROUTE


@dataclass(frozen=True, slots=True)
class PolicyRule:
    """One policy's rules: criteria that all must hold, then at least one route."""

    code: str
    title: str
    region: str
    criteria: tuple[CriterionRule, ...] = ()
    routes: tuple[RouteRule, ...] = ()
    route_mode: RouteMode = RouteMode.BEST_OF
    band_fact: str = ""
    stacking_group: str | None = None
    reference_only: bool = False

    @property
    def main_routes(self) -> tuple[RouteRule, ...]:
        return tuple(r for r in self.routes if r.role is RouteRole.ROUTE)

    @property
    def add_ons(self) -> tuple[RouteRule, ...]:
        return tuple(r for r in self.routes if r.role is RouteRole.ADD_ON)

    @property
    def district(self) -> str | None:
        """The district a policy-level ``district == X`` criterion limits it to."""
        return next(
            (
                c.value
                for c in self.criteria
                if c.fact == "district" and c.operator is Operator.EQ
            ),
            None,
        )


def check_policy(policy: PolicyRule) -> PolicyRule:
    """Return ``policy`` with checked criteria and amounts, or raise ``RuleError``."""
    try:
        routes = tuple(_check_route(route) for route in policy.routes)
        checked = replace(
            policy,
            criteria=tuple(criteria.check(c) for c in policy.criteria),
            routes=routes,
            route_mode=RouteMode(policy.route_mode),
        )
    except (RuleError, ValueError) as error:
        raise RuleError(f"{policy.code}: {error}") from error
    if not checked.main_routes:
        raise RuleError(
            say(N_("%(code)s: a policy needs at least one route."), code=policy.code)
        )
    if checked.band_fact and checked.band_fact not in CATALOGUE:
        raise RuleError(
            say(
                N_("%(code)s: unknown band fact “%(fact)s”."),
                code=policy.code,
                fact=checked.band_fact,
            )
        )
    return checked


def _check_route(route: RouteRule) -> RouteRule:
    role = RouteRole(route.role)
    amount = amounts.check(route.amount)
    if role is RouteRole.ADD_ON and not amount.monetary:
        raise RuleError(
            say(N_("The add-on “%(name)s” must give money."), name=route.name)
        )
    return replace(
        route,
        role=role,
        amount=amount,
        criteria=tuple(criteria.check(c) for c in route.criteria),
    )
